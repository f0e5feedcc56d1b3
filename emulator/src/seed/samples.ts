import type { SeedUser } from "../control/seed.ts";
import { prng } from "./prng.ts";

const SURNAMES = [
  "佐藤",
  "鈴木",
  "高橋",
  "田中",
  "伊藤",
  "渡辺",
  "山本",
  "中村",
  "小林",
  "加藤",
  "吉田",
  "山田",
  "佐々木",
  "山口",
  "松本",
  "井上",
  "木村",
  "林",
  "斎藤",
  "清水",
  "山崎",
  "森",
  "池田",
  "橋本",
  "阿部",
  "石川",
  "山下",
  "中島",
  "石井",
  "小川",
];
const GIVEN = [
  "太郎",
  "花子",
  "一郎",
  "美咲",
  "健太",
  "陽子",
  "翔太",
  "由美",
  "大輔",
  "恵",
  "拓也",
  "さくら",
  "誠",
  "愛",
  "直樹",
  "千尋",
  "亮",
  "優子",
  "剛",
  "真由美",
  "隆",
  "彩",
  "浩二",
  "舞",
  "修",
  "結衣",
  "聡",
  "奈々",
  "学",
  "葵",
];
const COMPANY_BASES = [
  "サンプル",
  "ミライ商事",
  "東海精機",
  "北斗システム",
  "さくら物産",
  "青葉製作所",
  "富士ロジスティクス",
  "みなと電機",
  "ひかり通信",
  "大和建設",
  "アルファテック",
  "なごみフーズ",
  "朝日化学",
  "ソラ不動産",
  "中央メディカル",
  "グリーンエナジー",
  "リバー工業",
  "かえでデザイン",
  "白山ソフト",
  "新星トレーディング",
];
const COMPANY_FORMS = ["株式会社{}", "{}株式会社", "(株){}", "㈱{}", "有限会社{}", "{}合同会社"];
const DEPARTMENTS = ["営業部", "総務部", "経営企画室", "情報システム部", "購買部", "マーケティング部", ""];
const PREFECTURES = [
  "東京都千代田区丸の内1-1-1",
  "大阪府大阪市北区梅田2-2-2",
  "愛知県名古屋市中村区名駅3-3-3",
  "福岡県福岡市博多区博多駅前4-4-4",
  "北海道札幌市中央区北5条西5-5",
];

function pickFrom<T>(list: readonly T[], r: number): T {
  return list[Math.floor(r * list.length) % list.length] as T;
}

/** Sales people with e-mails (the plug-in suggests user mappings by e-mail) and passwords for password auth. */
export function sampleUsers(): SeedUser[] {
  const people: Array<[string, string, string]> = [
    ["yamada", "山田 太郎", "yamada@example.co.jp"],
    ["sato", "佐藤 花子", "sato@example.co.jp"],
    ["suzuki", "鈴木 一郎", "suzuki@example.co.jp"],
    ["takahashi", "高橋 美咲", "takahashi@example.co.jp"],
    ["tanaka", "田中 健太", "tanaka@example.co.jp"],
    ["ito", "伊藤 陽子", "ito@example.co.jp"],
    ["watanabe", "渡辺 翔太", "watanabe@example.co.jp"],
    ["admin", "管理者", "admin@example.co.jp"],
  ];
  return people.map(([code, name, email]) => ({ code, name, email, password: `${code}-pass` }));
}

/**
 * Customer records in the template's field codes. Most have everything; a few exercise the import
 * rules: company only (I3), name only (I2), neither (I1, skipped), several lines of e-mail.
 * 顧客名 is unique, so names get a number once the combinations run out.
 */
export function sampleCustomers(
  count: number,
  seed: number,
  now: Date,
  spreadDays: number,
): Array<Record<string, { value: unknown }>> {
  const rand = prng(seed);
  const combos = SURNAMES.length * GIVEN.length;
  const spreadMinutes = spreadDays * 24 * 60;
  const records: Array<Record<string, { value: unknown }>> = [];
  for (let i = 0; i < count; i++) {
    const person = `${SURNAMES[i % SURNAMES.length]} ${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
    const name = i < combos ? person : `${person}（${Math.floor(i / combos) + 1}）`;
    const company = pickFrom(COMPANY_FORMS, rand()).replace("{}", pickFrom(COMPANY_BASES, rand()));
    const kind = i % 50;
    const updatedMs = now.getTime() - Math.floor(rand() * spreadMinutes) * 60_000;
    const createdMs = updatedMs - Math.floor(rand() * 30 * 24 * 60) * 60_000;
    const n = String(i + 1).padStart(5, "0");
    records.push({
      顧客名: { value: kind === 7 || kind === 33 ? "" : name },
      会社名: { value: kind === 13 || kind === 33 ? "" : company },
      部署名: { value: pickFrom(DEPARTMENTS, rand()) },
      メールアドレス: { value: kind === 21 ? "" : `customer${n}@example.com` },
      電話番号: { value: `03-${n.slice(0, 4)}-${String(1000 + (i % 9000)).padStart(4, "0")}` },
      住所: { value: pickFrom(PREFECTURES, rand()) },
      作成日時: { value: new Date(createdMs).toISOString() },
      更新日時: { value: new Date(updatedMs).toISOString() },
    });
  }
  return records;
}
