import { escapeHtml } from "@front-agent/kintone-plugin/harness/html.ts";
import { LOCAL_TIME_JS } from "@front-agent/kintone-plugin/harness/local-time.ts";

interface IndexValues {
  origin: string;
  backendUrl: string;
  connectionKey: string;
  customer: { appId: string; token: string };
  activity: { appId: string; token: string };
}

/**
 * The demo's start page. The values to type are shown here because this is a demo on the evaluator's own
 * machine: in real kintone the tokens come from each app's settings and the key from the operator.
 */
export function indexPage(v: IndexValues): string {
  const values: Array<[string, string, string]> = [
    ["demo-backend-url", "バックエンドのURL", v.backendUrl],
    ["demo-connection-key", "接続キー", v.connectionKey],
    ["demo-front-agent-url", "Front Agent のURL", `${v.origin}/front-agent`],
    ["demo-activity-app", "活動履歴アプリ", `活動履歴(Front Agent)（ID: ${v.activity.appId}）`],
    ["demo-customer-token", "顧客管理アプリのAPIトークン", v.customer.token],
    ["demo-activity-token", "活動履歴アプリのAPIトークン", v.activity.token],
  ];
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Front Agent × kintone デモ</title>
<style>
  body { font-family: "Hiragino Sans", "Noto Sans JP", "IPAPGothic", sans-serif; margin: 24px 40px; color: #333; max-width: 1000px; }
  h1 { font-size: 22px; } h2 { font-size: 17px; border-left: 4px solid #3498db; padding-left: 8px; margin-top: 32px; }
  table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: 6px 10px; text-align: left; font-size: 14px; }
  th { background: #f5f5f5; } code { background: #f5f5f5; padding: 2px 4px; word-break: break-all; }
  button, .button { background: #3498db; color: #fff; border: 0; border-radius: 4px; padding: 8px 16px; cursor: pointer; text-decoration: none; display: inline-block; }
  .note { color: #666; font-size: 13px; }
  .minutes { white-space: pre-wrap; min-width: 280px; }
</style></head>
<body>
<h1>Front Agent × kintone デモ</h1>
<p class="note">kintone のエミュレーター、連携バックエンド、本物のプラグインが、このパソコンの中だけで動いています。</p>

<h2>1. プラグインを設定する</h2>
<p><a id="demo-open-settings" class="button" href="/k/admin/app/${escapeHtml(v.customer.appId)}/plugin/config" target="_blank">kintone のプラグイン設定画面を開く</a></p>
<p class="note">設定画面で次の値を入力し、「接続テスト」「設定を確認」、ユーザー連携で「メールアドレスで提案を適用」のあと「保存」します（本番では、APIトークンは各アプリの設定で生成し、接続キーは運用担当者から受け取ります）。フィールドはテンプレートのアプリに合わせて選ばれています。接続キーは kintone に保存されないため、設定画面を開くたびに入力します。</p>
<table id="demo-values">${values.map(([id, label, value]) => `<tr><th>${label}</th><td><code id="${id}">${escapeHtml(value)}</code></td></tr>`).join("")}</table>

<h2>2. 顧客レコードから Front Agent を開く</h2>
<p class="note">保存すると最初の取り込みが始まります。終わると、顧客レコードの「Front Agentで開く」ボタンが使えます（スマートフォン表示でも）。</p>
<p><a id="demo-open-customer-list" href="/k/${escapeHtml(v.customer.appId)}/" target="_blank">顧客管理アプリのレコード一覧</a></p>
<ul id="demo-records"></ul>

<h2>3. 商談メモを送る（Front Agent の代わり）</h2>
<p class="note">Front Agent が商談のあとに送る、署名付きのイベントを送ります。バックエンドが活動履歴アプリに議事録を書き込みます。</p>
<p><label for="demo-customer">顧客</label>
<select id="demo-customer"><option value="">（設定を保存して取り込みが終わると選べます）</option></select>
<button id="demo-refresh-customers" type="button">顧客を読み込む</button></p>
<p><button id="demo-send" type="button">サンプルの商談メモを送る</button> <span id="demo-export-status" role="status"></span></p>

<h2>4. 活動履歴アプリのレコード</h2>
<p class="note">バックエンドが書き込んだレコードです。ID から kintone のレコード画面を開けます（プラグインは顧客管理アプリでだけ動くので、ここにボタンは出ません）。日時はこのブラウザーのタイムゾーンで表示します。</p>
<p><a id="demo-open-activity-list" href="/k/${escapeHtml(v.activity.appId)}/" target="_blank">活動履歴アプリのレコード一覧</a> <button id="demo-refresh-activities" type="button">再読み込み</button></p>
<table id="demo-activities"><thead><tr><th>ID</th><th>顧客レコード番号</th><th>顧客名</th><th>会社名</th><th>担当者</th><th>対応日時</th><th>件名</th><th>議事録</th></tr></thead><tbody></tbody></table>

<script>${LOCAL_TIME_JS}</script>
<script>
const $ = (id) => document.getElementById(id);
const customerApp = ${JSON.stringify(v.customer.appId)};
const activityApp = ${JSON.stringify(v.activity.appId)};
const activityUrl = (id) => "/k/" + activityApp + "/show?record=" + encodeURIComponent(id);
const text = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
async function loadCustomers() {
  const { customers } = await (await fetch("/__demo/customers")).json();
  const select = $("demo-customer");
  if (customers.length === 0) return;
  select.innerHTML = customers.map((c) => '<option value="' + text(c.id) + '">' + text(c.name + " / " + c.company) + "</option>").join("");
  $("demo-records").innerHTML = customers.slice(0, 5).map((c) =>
    '<li><a href="/k/' + customerApp + '/show?record=' + c.kintone.recordId + '" target="_blank">' + text(c.name + " / " + c.company) + "</a>" +
    ' （<a href="/k/m/' + customerApp + '/show?record=' + c.kintone.recordId + '" target="_blank">スマートフォン表示</a>）</li>').join("");
}
async function loadActivities() {
  const { records } = await (await fetch("/__demo/activities")).json();
  // The backend writes 対応日時 in UTC; kintone shows it in the user's time zone, this page in the browser's.
  $("demo-activities").querySelector("tbody").innerHTML = records.map((r) =>
    '<tr><td><a href="' + activityUrl(r.id) + '" target="_blank">' + text(r.id) + "</a></td>" +
    [r.customerRecord, r.name, r.company, r.owner].map((x) => "<td>" + text(x) + "</td>").join("") +
    '<td><time datetime="' + text(r.at) + '">' + text(localTime(r.at)) + "</time></td><td>" + text(r.title) + "</td>" +
    '<td class="minutes">' + text(r.minutes) + "</td></tr>").join("");
}
$("demo-refresh-customers").onclick = loadCustomers;
$("demo-refresh-activities").onclick = loadActivities;
$("demo-send").onclick = async () => {
  const select = $("demo-customer");
  const label = select.selectedOptions[0]?.textContent ?? "";
  const [name, company] = label.includes(" / ") ? label.split(" / ") : ["佐藤 花子", "株式会社サンプル"];
  const answer = await (await fetch("/__demo/event", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ customerId: select.value, name, company }) })).json();
  if (!answer.exportId) { $("demo-export-status").textContent = answer.error?.message ?? "送れませんでした"; return; }
  for (let i = 0; i < 60; i++) {
    const view = await (await fetch("/__demo/exports/" + answer.exportId)).json();
    const label = { queued: "未書き込み", written: "書き込み済み", skipped: "スキップ", needs_review: "要確認", failed: "失敗" }[view.status] ?? view.status;
    $("demo-export-status").textContent = "書き込みの状態: " + label + (view.reason ? "（" + view.reason + "）" : "");
    if (view.kintoneRecordId) {
      const link = document.createElement("a");
      link.id = "demo-export-record";
      link.href = activityUrl(view.kintoneRecordId);
      link.target = "_blank";
      link.textContent = "活動履歴のレコード " + view.kintoneRecordId + " を開く";
      $("demo-export-status").append(" ", link);
    }
    if (view.status !== "queued") break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await loadActivities();
};
loadCustomers().catch(() => {});
loadActivities().catch(() => {});
</script>
</body></html>`;
}
