import { describe, expect, test } from "vitest";
import type { ExportRow, ExportStatus, ExportSummary } from "../../storage/index.ts";
import { BUDGET_DEFERRED_REASON } from "../../storage/index.ts";
import { adminExportView, adminWords } from "./admin-view.ts";

const reason = (code: string, params: Record<string, string> = {}): ExportRow["reason"] => ({ code, params });
const deferred = reason(BUDGET_DEFERRED_REASON, { retryAt: "2026-11-25T00:00:00.000Z" });

describe("adminWords: the administrator's words for each state", () => {
  test.each<[string, ExportStatus, ExportRow["reason"], [string, string] | null]>([
    ["queued, new", "queued", null, null],
    ["queued after a failure: the old reason is not said", "queued", reason("EXPORT_KINTONE_REJECTED"), null],
    [
      "queued for the next day's budget",
      "queued",
      deferred,
      ["EXPORT_ADMIN_DEFERRED", "EXPORT_ADMIN_DEFERRED_FIX"],
    ],
    ["written", "written", null, null],
    [
      "written without 担当者",
      "written",
      reason("EXPORT_USER_NOT_MAPPED_WARNING", { user: "山田" }),
      ["EXPORT_ADMIN_WRITTEN_NO_OWNER", "EXPORT_ADMIN_WRITTEN_NO_OWNER_FIX"],
    ],
    [
      "several records",
      "needs_review",
      reason("EXPORT_NEEDS_REVIEW", { records: "3, 4" }),
      ["EXPORT_ADMIN_REVIEW_SEVERAL", "EXPORT_ADMIN_REVIEW_FIX"],
    ],
    [
      "the name at another company",
      "needs_review",
      reason("EXPORT_NEEDS_REVIEW_NAME_TAKEN", { name: "a", company: "b", records: "3", heldCompany: "c" }),
      ["EXPORT_ADMIN_REVIEW_NAME_TAKEN", "EXPORT_ADMIN_REVIEW_NAME_TAKEN_FIX"],
    ],
    ["in review without a reason", "needs_review", null, ["EXPORT_ADMIN_REVIEW", "EXPORT_ADMIN_REVIEW_FIX"]],
    [
      "no customer, auto-register off",
      "skipped",
      reason("EXPORT_NO_CUSTOMER_MATCH"),
      ["EXPORT_ADMIN_NO_MATCH", "EXPORT_ADMIN_NO_MATCH_FIX"],
    ],
    [
      "required 担当者 unmapped",
      "failed",
      reason("EXPORT_USER_NOT_MAPPED", { user: "山田" }),
      ["EXPORT_ADMIN_USER_NOT_MAPPED", "EXPORT_ADMIN_USER_NOT_MAPPED_FIX"],
    ],
    [
      "kintone refused the record",
      "failed",
      reason("EXPORT_KINTONE_REJECTED", { kintoneCode: "CB_VA01", detail: "record.件名.value" }),
      ["EXPORT_ADMIN_REJECTED", "EXPORT_ADMIN_REJECTED_FIX"],
    ],
    [
      "the linked record is gone",
      "failed",
      reason("EXPORT_LOOKUP_TARGET_MISSING"),
      ["EXPORT_ADMIN_LOOKUP_MISSING", "EXPORT_ADMIN_LOOKUP_MISSING_FIX"],
    ],
    [
      "a redirect",
      "failed",
      reason("KINTONE_REDIRECT"),
      ["EXPORT_ADMIN_REDIRECT", "EXPORT_ADMIN_REDIRECT_FIX"],
    ],
    [
      "failed for a reason not known here",
      "failed",
      reason("SOMETHING_NEW"),
      ["EXPORT_ADMIN_NOT_WRITTEN", "EXPORT_ADMIN_NOT_WRITTEN_FIX"],
    ],
    [
      "skipped for a reason not known here",
      "skipped",
      null,
      ["EXPORT_ADMIN_NOT_WRITTEN", "EXPORT_ADMIN_NOT_WRITTEN_FIX"],
    ],
  ])("%s", (_name, status, stored, expected) => {
    const words = adminWords(status, stored);
    expect(words && [words.reason, words.fix]).toEqual(expected);
  });
});

function summary(change: Partial<ExportSummary> = {}): ExportSummary {
  return {
    id: "x1",
    eventId: "evt-1",
    status: "queued",
    customerId: null,
    kintoneRecordId: null,
    reason: null,
    createdAt: "2026-11-24T09:31:00.000Z",
    updatedAt: "2026-11-24T09:32:00.000Z",
    meeting: { title: "定例MTG", startedAt: "2026-11-24T09:00:00Z" },
    user: { id: "u-1", name: "山田 太郎" },
    eventCustomer: { id: null, name: "佐藤 花子", company: "株式会社サンプル" },
    customer: null,
    ...change,
  };
}

describe("adminExportView", () => {
  test("the meeting, user and customer as the event named them; nothing to say of a new export", () => {
    expect(adminExportView(summary(), "ja")).toEqual({
      exportId: "x1",
      eventId: "evt-1",
      title: "定例MTG",
      startedAt: "2026-11-24T09:00:00Z",
      user: { id: "u-1", name: "山田 太郎" },
      customer: { id: null, name: "佐藤 花子", company: "株式会社サンプル" },
      status: "queued",
      createdAt: "2026-11-24T09:31:00.000Z",
      updatedAt: "2026-11-24T09:32:00.000Z",
    });
  });

  test("written: the record, and the FA customer's name and company over the event's", () => {
    const view = adminExportView(
      summary({
        status: "written",
        customerId: "c-1",
        kintoneRecordId: "77",
        customer: { name: "佐藤花子", company: "(株)サンプル" },
      }),
      "en",
    );
    expect(view).toMatchObject({
      status: "written",
      kintoneRecordId: "77",
      customer: { id: "c-1", name: "佐藤花子", company: "(株)サンプル" },
    });
    expect(view).not.toHaveProperty("reason");
    expect(view).not.toHaveProperty("fix");
  });

  test("deferred: retryAt, and the time in the reader's terms (Japan time / UTC)", () => {
    const waiting = summary({ reason: deferred });
    expect(adminExportView(waiting, "ja")).toMatchObject({
      retryAt: "2026-11-25T00:00:00.000Z",
      reason: "kintone の1日のリクエスト数の上限に近いため、書き込みを次の日に回しています。",
      fix: "操作は不要です。2026/11/25 09:00（日本時間） に書き込みます。",
    });
    expect(adminExportView(waiting, "en")).toMatchObject({
      fix: "Nothing needs to be done: they are written at 2026-11-25 00:00 UTC.",
    });
  });

  test("needs_review: the records in the reason, the candidates in the fix", () => {
    const view = adminExportView(
      summary({
        status: "needs_review",
        customerId: "c-2",
        reason: reason("EXPORT_NEEDS_REVIEW", { records: "3, 4" }),
      }),
      "ja",
    );
    expect(view).toMatchObject({
      customer: { id: "c-2", name: "佐藤 花子" },
      reason:
        "顧客管理アプリに、この顧客に当てはまりそうなレコードが複数あります（レコード番号 3, 4）。どれに書き込むか判断できないため、書き込みを保留しています。",
      fix: "下の候補から正しい顧客レコードを選んで連携すると、書き込まれます。",
    });
    expect(view).not.toHaveProperty("retryAt");
  });

  test("failed: kintone's code and the fields it named", () => {
    const view = adminExportView(
      summary({
        status: "failed",
        reason: reason("EXPORT_KINTONE_REJECTED", { kintoneCode: "CB_VA01", detail: "record.件名.value" }),
      }),
      "en",
    );
    expect(view.reason).toBe(
      "kintone refused to add the record to the activity app (CB_VA01: record.件名.value).",
    );
    expect(view.fix).toMatch(/then retry\.$/);
  });
});
