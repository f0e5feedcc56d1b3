import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "@front-agent/kintone-plugin/harness/html.ts";
import { readJsonBody } from "@front-agent/kintone-plugin/harness/read-json-body.ts";
import { signAssistBody } from "@front-agent/shared/node";
import type { DemoTenant } from "./demo.ts";
import { indexPage } from "./index-page.ts";

interface App {
  appId: string;
  token: string;
}

export interface DemoContext {
  emulatorUrl: string;
  backendUrl: string;
  tenant: DemoTenant;
  customer: App;
  activity: App;
}

let sent = 0;

/**
 * The demo's own pages beside the kintone-shaped ones: the start page, a stand-in for Front Agent's
 * customer page (where 「Front Agentで開く」 leads), and what Front Agent would do — send a signed assist
 * event — plus a view of the activity app's records.
 */
export function demoRoutes(ctx: DemoContext) {
  const backend = (path: string, init: RequestInit = {}) =>
    fetch(`${ctx.backendUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ctx.tenant.serviceToken}`, ...(init.headers ?? {}) },
    });

  return {
    async handle(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<boolean> {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(body));
        return true;
      };
      const html = (body: string) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(body);
        return true;
      };
      if (req.method === "GET" && url.pathname === "/") {
        return html(
          indexPage({
            origin,
            backendUrl: ctx.backendUrl,
            connectionKey: ctx.tenant.connectionKey,
            customer: ctx.customer,
            activity: ctx.activity,
          }),
        );
      }
      const faCustomer = /^\/front-agent\/customers\/([\w-]+)$/.exec(url.pathname);
      if (req.method === "GET" && faCustomer) {
        const answer = await backend(`/v1/customers/${faCustomer[1]}`);
        const customer = answer.ok ? ((await answer.json()) as { name: string; company: string }) : null;
        return html(`<!doctype html><html lang="ja"><meta charset="utf-8"><title>Front Agent</title>
<body style="font-family: sans-serif; margin: 32px"><p>Front Agent（デモ）の顧客ページ</p>
<h1 id="fa-customer">${customer ? `${escapeHtml(customer.name)} / ${escapeHtml(customer.company)}` : "見つかりません"}</h1></body></html>`);
      }
      if (req.method === "GET" && url.pathname === "/__demo/customers") {
        const answer = await backend("/v1/customers?limit=200");
        const page = (await answer.json()) as {
          customers: Array<{ id: string; name: string; company: string; kintone: unknown }>;
        };
        return json(200, { customers: page.customers.filter((c) => c.kintone) });
      }
      if (req.method === "POST" && url.pathname === "/__demo/event") {
        const input = await readJsonBody(req);
        const n = ++sent;
        const body = JSON.stringify({
          eventId: `demo-${Date.now()}-${n}`,
          occurredAt: new Date().toISOString(),
          user: { id: "u-yamada", name: "山田 太郎", email: "yamada@example.co.jp" },
          customer: {
            id: typeof input.customerId === "string" && input.customerId ? input.customerId : null,
            name: String(input.name ?? ""),
            company: String(input.company ?? ""),
          },
          meeting: {
            title: `定例MTG（デモ ${n}）`,
            startedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
            endedAt: new Date().toISOString(),
            url: `${origin}/front-agent/minutes/demo-${n}`,
          },
          minutes: {
            summary: "次回までに見積もりを送付する。導入時期は来期を想定。",
            body: "・現状の課題: 商談記録が担当者ごとに散らばっている\n・提案: 議事録を活動履歴アプリへ自動で登録\n・次回: 見積もりの確認",
          },
        });
        const answer = await backend("/v1/events/assist", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-fa-signature": signAssistBody(ctx.tenant.webhookSecret, body, Math.floor(Date.now() / 1000)),
          },
          body,
        });
        return json(answer.status, await answer.json());
      }
      const exportView = /^\/__demo\/exports\/([\w-]+)$/.exec(url.pathname);
      if (req.method === "GET" && exportView) {
        const answer = await backend(`/v1/exports/${exportView[1]}`, {
          headers: { "accept-language": "ja" },
        });
        return json(answer.status, await answer.json());
      }
      if (req.method === "GET" && url.pathname === "/__demo/activities") {
        const answer = await fetch(
          `${ctx.emulatorUrl}/k/v1/records.json?app=${ctx.activity.appId}&query=${encodeURIComponent("order by $id desc limit 20")}`,
          { headers: { "X-Cybozu-API-Token": ctx.activity.token } },
        );
        const { records } = (await answer.json()) as { records: Array<Record<string, { value: unknown }>> };
        const text = (record: Record<string, { value: unknown }>, code: string) => {
          const value = record[code]?.value;
          if (Array.isArray(value)) return value.map((v) => (v as { name?: string }).name ?? "").join(", ");
          return typeof value === "string" ? value : "";
        };
        return json(200, {
          records: records.map((r) => ({
            id: text(r, "$id"),
            customerRecord: text(r, "顧客レコード番号"),
            name: text(r, "顧客名"),
            company: text(r, "会社名"),
            owner: text(r, "担当者"),
            at: text(r, "対応日時"),
            title: text(r, "件名"),
            minutes: text(r, "議事録"),
            link: text(r, "FrontAgentリンク"),
          })),
        });
      }
      return false;
    },
  };
}
