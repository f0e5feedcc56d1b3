import { describe, expect, test } from "vitest";
import { InvalidCursorError } from "./cursor.ts";
import type { ExportStatus, ExportSummary } from "./exports.ts";
import { customerInput, forEachDatabase, useTempStorage } from "./testing.ts";

/** An assist event as stored, with long minutes the list must never carry. */
function storedEvent(n: number, customer: { id: string | null; name: string; company: string }) {
  return {
    eventId: `evt-${n}`,
    occurredAt: "2026-11-24T09:30:00Z",
    user: { id: `u-${n % 2}`, name: `担当 ${n % 2}`, email: "u@example.com" },
    customer,
    meeting: {
      title: `商談 ${n}`,
      startedAt: `2026-11-${String(10 + n).padStart(2, "0")}T09:00:00Z`,
      endedAt: "2026-11-24T09:30:00Z",
      url: `https://front-agent.example.com/minutes/${n}`,
    },
    minutes: { summary: "要約", body: "本文".repeat(1000) },
  };
}

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1", "t2"]);

  /** Exports 0…n-1 of t1: pairs share a creation instant (the id decides between them). */
  async function seed(n: number, statusOf: (i: number) => ExportStatus = () => "queued") {
    for (let i = 0; i < n; i++) {
      const createdAt = `2026-11-24T09:00:${String(Math.floor(i / 2)).padStart(2, "0")}.000Z`;
      await t.storage.exports.createOrGet({
        id: `x${String(i).padStart(2, "0")}`,
        tenantId: "t1",
        eventId: `evt-${i}`,
        event: storedEvent(i, { id: null, name: `顧客 ${i}`, company: `会社 ${i}` }),
        createdAt,
      });
      const status = statusOf(i);
      if (status !== "queued")
        await t.storage.exports.update("t1", `x${String(i).padStart(2, "0")}`, { status, at: createdAt });
    }
  }

  async function allPages(limit: number, status?: ExportStatus): Promise<ExportSummary[]> {
    const seen: ExportSummary[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.storage.exports.list("t1", {
        limit,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
      expect(page.exports.length).toBeLessThanOrEqual(limit);
      seen.push(...page.exports);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  describe("ExportRepository.list", () => {
    test("newest first by created_at then id, paged without duplicates or gaps, ties included", async () => {
      await seed(7);
      const ids = (await allPages(2)).map((e) => e.id);
      expect(ids).toEqual(["x06", "x05", "x04", "x03", "x02", "x01", "x00"]);
      const whole = await t.storage.exports.list("t1", { limit: 7 });
      expect(whole.nextCursor).toBeNull();
      expect((await t.storage.exports.list("t2", { limit: 10 })).exports).toEqual([]);
    });

    test("a status keeps only those exports, paged the same way", async () => {
      await seed(9, (i) => (i % 3 === 0 ? "failed" : "written"));
      expect((await allPages(2, "failed")).map((e) => e.id)).toEqual(["x06", "x03", "x00"]);
      expect(await allPages(4, "needs_review")).toEqual([]);
    });

    test("a summary names the meeting, the user and both customers, never the minutes", async () => {
      await t.storage.customers.create({
        ...customerInput("t1", 1, { name: "登録 顧客", company: "登録商事" }),
        id: "c1",
      });
      await t.storage.exports.createOrGet({
        id: "a",
        tenantId: "t1",
        eventId: "evt-a",
        event: storedEvent(3, { id: "fa-9", name: "イベントの名前", company: "イベントの会社" }),
        createdAt: "2026-11-24T09:00:00Z",
      });
      await t.storage.exports.update("t1", "a", {
        status: "needs_review",
        customerId: "c1",
        reason: { code: "EXPORT_NEEDS_REVIEW", params: { records: "1, 2" } },
        at: "2026-11-24T09:01:00Z",
      });
      const expected: ExportSummary = {
        id: "a",
        eventId: "evt-a",
        status: "needs_review",
        customerId: "c1",
        kintoneRecordId: null,
        reason: { code: "EXPORT_NEEDS_REVIEW", params: { records: "1, 2" } },
        createdAt: "2026-11-24T09:00:00.000Z",
        updatedAt: "2026-11-24T09:01:00.000Z",
        meeting: { title: "商談 3", startedAt: "2026-11-13T09:00:00Z" },
        user: { id: "u-1", name: "担当 1" },
        eventCustomer: { id: "fa-9", name: "イベントの名前", company: "イベントの会社" },
        customer: { name: "登録 顧客", company: "登録商事" },
      };
      expect(await t.storage.exports.summary("t1", "a")).toEqual(expected);
      expect((await t.storage.exports.list("t1", { limit: 5 })).exports).toEqual([expected]);
      expect(JSON.stringify(expected)).not.toContain("本文");
      // Another tenant's export is not one of this tenant's, and a customer of another id is none.
      expect(await t.storage.exports.summary("t2", "a")).toBeNull();
      await t.storage.exports.update("t1", "a", {
        status: "needs_review",
        customerId: "gone",
        at: "2026-11-24T09:02:00Z",
      });
      expect((await t.storage.exports.summary("t1", "a"))?.customer).toBeNull();
    });

    test.each([
      ["not base64url JSON", "garbage!"],
      ["the customer list's cursor", Buffer.from(JSON.stringify({ after: "x01" })).toString("base64url")],
      ["a time that is none", Buffer.from(JSON.stringify({ before: ["soon", "x01"] })).toString("base64url")],
      [
        "a number for the id",
        Buffer.from(JSON.stringify({ before: ["2026-11-24T09:00:00Z", 1] })).toString("base64url"),
      ],
    ])("a cursor this list did not hand out throws InvalidCursorError: %s", async (_name, cursor) => {
      await expect(t.storage.exports.list("t1", { limit: 5, cursor })).rejects.toThrow(InvalidCursorError);
    });
  });
});
