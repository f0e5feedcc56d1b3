import { describe, expect, test } from "vitest";
import {
  decideMatch,
  type ExportStep,
  exportStep,
  type LadderCandidate,
  type LadderCustomer,
  type MatchDecision,
} from "./ladder.ts";

const record = (recordId: string, change: Partial<LadderCandidate> = {}): LadderCandidate => ({
  recordId,
  recordNumber: recordId,
  name: "",
  company: "",
  email: "",
  phone: "",
  ...change,
});

const SATO: LadderCustomer = {
  name: "佐藤 花子",
  company: "株式会社サンプル",
  email: "sato@example.co.jp",
  phone: "03-1234-5678",
};

describe("decideMatch (SPEC E3 matching ladder)", () => {
  test.each<[string, LadderCustomer, LadderCandidate[], MatchDecision]>([
    // Rung 1: normalized name + company.
    [
      "name+company: one hit links",
      SATO,
      [
        record("1", { name: "佐藤 花子", company: "株式会社サンプル" }),
        record("2", { name: "佐藤 花子", company: "別会社" }),
      ],
      { kind: "match", recordId: "1", by: "nameCompany" },
    ],
    [
      "name+company: (株) and no space",
      SATO,
      [record("1", { name: "佐藤花子", company: "(株)サンプル" })],
      { kind: "match", recordId: "1", by: "nameCompany" },
    ],
    [
      "name+company: ㈱ and an ideographic space",
      SATO,
      [record("1", { name: "佐藤\u3000花子", company: "㈱サンプル" })],
      { kind: "match", recordId: "1", by: "nameCompany" },
    ],
    [
      "name+company: suffix form and half-width kana",
      { name: "ｻﾄｳ ﾊﾅｺ", company: "ｻﾝﾌﾟﾙ株式会社" },
      [record("1", { name: "サトウ ハナコ", company: "（株）サンプル" })],
      { kind: "match", recordId: "1", by: "nameCompany" },
    ],
    [
      "name+company: several hits are never guessed",
      SATO,
      [
        record("1", { name: "佐藤 花子", company: "株式会社サンプル", email: "sato@example.co.jp" }),
        record("2", { name: "佐藤花子", company: "㈱サンプル" }),
      ],
      { kind: "ambiguous", recordIds: ["1", "2"], by: "nameCompany" },
    ],
    [
      "name+company: the same record fetched twice is one hit",
      SATO,
      [
        record("1", { name: "佐藤 花子", company: "株式会社サンプル" }),
        record("1", { name: "佐藤 花子", company: "株式会社サンプル" }),
      ],
      { kind: "match", recordId: "1", by: "nameCompany" },
    ],
    [
      "name+company: a hit wins over an e-mail hit elsewhere",
      SATO,
      [record("1", { email: "sato@example.co.jp" }), record("2", { name: "佐藤 花子", company: "サンプル" })],
      { kind: "match", recordId: "2", by: "nameCompany" },
    ],
    // Rung 2: e-mail.
    [
      "e-mail: one hit links when name+company found none",
      SATO,
      [record("1", { name: "佐藤 花子", company: "旧社名", email: " SATO@example.co.jp " }), record("2")],
      { kind: "match", recordId: "1", by: "email" },
    ],
    [
      "e-mail: several hits are never guessed",
      SATO,
      [record("1", { email: "sato@example.co.jp" }), record("2", { email: "Sato@Example.co.jp" })],
      { kind: "ambiguous", recordIds: ["1", "2"], by: "email" },
    ],
    [
      "e-mail: a phone hit does not break an e-mail tie",
      SATO,
      [
        record("1", { email: "sato@example.co.jp", phone: "0312345678" }),
        record("2", { email: "sato@example.co.jp" }),
      ],
      { kind: "ambiguous", recordIds: ["1", "2"], by: "email" },
    ],
    [
      "e-mail: missing on the event, the rung is skipped",
      { ...SATO, email: undefined },
      [record("1", { email: "sato@example.co.jp" }), record("2", { phone: "03-1234-5678" })],
      { kind: "match", recordId: "2", by: "phone" },
    ],
    [
      "e-mail: blank on the event does not match blank records",
      { name: "佐藤 花子", company: "サンプル", email: " " },
      [record("1"), record("2")],
      { kind: "none" },
    ],
    // Rung 3: phone.
    [
      "phone: one hit links, hyphens and +81 ignored",
      SATO,
      [record("1", { phone: "+81 3 1234 5678" }), record("2", { phone: "03-9999-9999" })],
      { kind: "match", recordId: "1", by: "phone" },
    ],
    [
      "phone: full-width digits",
      SATO,
      [record("1", { phone: "０３－１２３４－５６７８" })],
      { kind: "match", recordId: "1", by: "phone" },
    ],
    [
      "phone: several hits are never guessed",
      SATO,
      [record("1", { phone: "0312345678" }), record("2", { phone: "03 1234 5678" })],
      { kind: "ambiguous", recordIds: ["1", "2"], by: "phone" },
    ],
    [
      "phone: missing on the event, nothing left",
      { ...SATO, phone: undefined },
      [record("1", { phone: "03-1234-5678" })],
      { kind: "none" },
    ],
    // A clean miss.
    ["none: no candidates", SATO, [], { kind: "none" }],
    [
      "name taken: same name at another company is not a clean miss",
      { name: "佐藤 花子", company: "サンプル" },
      [record("1", { name: "佐藤 花子", company: "サンプル商事" })],
      { kind: "name_taken", recordIds: ["1"] },
    ],
    [
      "name taken: judged on the normalized name (spaces, width)",
      { name: "ｻﾄｳ ﾊﾅｺ", company: "サンプル" },
      [
        record("1", { name: "サトウハナコ", company: "別会社" }),
        record("2", { name: "佐藤", company: "サンプル" }),
      ],
      { kind: "name_taken", recordIds: ["1"] },
    ],
    [
      "name taken: an e-mail hit still links (the person moved company)",
      SATO,
      [record("1", { name: "佐藤 花子", company: "旧社名", email: "sato@example.co.jp" })],
      { kind: "match", recordId: "1", by: "email" },
    ],
    [
      "none: a blank event name+company does not match blank records",
      { name: "", company: " " },
      [record("1")],
      { kind: "none" },
    ],
    [
      "I3 shape: company-only event matches a company-only record",
      { name: "", company: "株式会社サンプル" },
      [record("1", { company: "(株)サンプル" }), record("2", { name: "佐藤 花子", company: "サンプル" })],
      { kind: "match", recordId: "1", by: "nameCompany" },
    ],
  ])("%s", (_rule, customer, candidates, expected) => {
    expect(decideMatch(customer, candidates)).toEqual(expected);
  });
});

/**
 * The table of cases of issue 11 and docs/matching.md: how the event names its customer × what the customer
 * app holds × what the export does. The same table is the admin guide's 「商談と顧客の結び付け」.
 */
describe("exportStep: what an export with no linked customer does (SPEC E3)", () => {
  type Held = Array<[name: string, company: string]>;
  test.each<[string, [string, string], Held, boolean, ExportStep]>([
    ["one exact hit → write", ["新規顧客", "新規商事"], [["新規顧客", "新規商事"]], true, "write"],
    ["a space inside the name → write", ["新規顧客", "新規商事"], [["新規 顧客", "新規商事"]], true, "write"],
    [
      "full-width space vs half-width → write",
      ["新規 顧客", "新規商事"],
      [["新規\u3000顧客", "新規商事"]],
      true,
      "write",
    ],
    ["株式会社 vs ㈱ → write", ["山田", "株式会社サンプル"], [["山田", "㈱サンプル"]], true, "write"],
    ["half-width kana, Latin case → write", ["ﾔﾏﾀﾞ", "SAMPLE INC."], [["ヤマダ", "Sample"]], true, "write"],
    [
      "two records of the same normalized name+company → review",
      ["新規顧客", "新規商事"],
      [
        ["新規顧客", "新規商事"],
        ["新規 顧客", "(株)新規商事"],
      ],
      true,
      "review",
    ],
    ["同名 at another company → review", ["同名 太郎", "B物産"], [["同名 太郎", "A商事"]], true, "review"],
    [
      "同名 at another company, register off → review",
      ["同名 太郎", "B物産"],
      [["同名 太郎", "A商事"]],
      false,
      "review",
    ],
    ["nothing held → register", ["新規顧客", "新規商事"], [["別人", "新規商事"]], true, "register"],
    ["nothing held, register off → skip", ["新規顧客", "新規商事"], [], false, "skip"],
    [
      "name only (I2) held as name = company → write",
      ["佐藤 花子", ""],
      [["佐藤花子", "佐藤花子"]],
      true,
      "write",
    ],
    [
      "company only (I3) → write",
      ["", "(株)サンプル"],
      [["株式会社サンプル", "株式会社サンプル"]],
      true,
      "write",
    ],
    [
      "company only, another company's person → register",
      ["", "サンプル"],
      [["山田", "サンプル商事"]],
      true,
      "register",
    ],
  ])("%s", (_rule, [name, company], held, autoRegister, expected) => {
    const candidates = held.map(([n, c], i) => record(String(i + 1), { name: n, company: c }));
    expect(exportStep(decideMatch({ name, company }, candidates), autoRegister)).toBe(expected);
  });
});
