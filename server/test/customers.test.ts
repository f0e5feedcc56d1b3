import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forEachDatabase, type Harness, startHarness } from "./harness.ts";

// Also on PostgreSQL (issue 14): the same HTTP answers whichever database the backend runs on.
forEachDatabase((database) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ database });
  });
  afterAll(() => h.close());

  describe("the Front Agent customer directory", () => {
    test("needs the service token, not the connection key", async () => {
      expect((await h.api("GET", "/v1/customers", { auth: "connection" })).status).toBe(401);
      expect((await h.api("GET", "/v1/customers", { auth: "service" })).status).toBe(200);
    });

    test.each([
      [
        "both given",
        { name: "佐藤 花子", company: "株式会社サンプル" },
        { name: "佐藤 花子", company: "株式会社サンプル" },
      ],
      ["I2: no company → company = name", { name: "佐藤 花子" }, { name: "佐藤 花子", company: "佐藤 花子" }],
      [
        "I3: no name → name = company",
        { company: "株式会社サンプル" },
        { name: "株式会社サンプル", company: "株式会社サンプル" },
      ],
    ])("POST creates an unlinked customer: %s", async (_name, body, expected) => {
      const res = await h.api("POST", "/v1/customers", {
        auth: "service",
        body: { ...body, email: "hanako@example.com" },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        ...expected,
        email: "hanako@example.com",
        kintone: null,
        unlinked: null,
        id: expect.any(String),
      });
      expect((await h.api("GET", `/v1/customers/${res.body.id}`, { auth: "service" })).body).toEqual(
        res.body,
      );
    });

    test("POST without name and company → 422; unknown id → 404 in the envelope", async () => {
      expect(
        (await h.api("POST", "/v1/customers", { auth: "service", body: { email: "x@example.com" } })).status,
      ).toBe(422);
      const missing = await h.api("GET", "/v1/customers/no-such-id", { auth: "service" });
      expect(missing).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    });

    test("PATCH changes the FA customer and never writes to kintone (SPEC I8)", async () => {
      const made = await h.api("POST", "/v1/customers", {
        auth: "service",
        body: { name: "変更前", company: "変更前株式会社" },
      });
      await h.kintone.resetStats();
      const patched = await h.api("PATCH", `/v1/customers/${made.body.id}`, {
        auth: "service",
        body: { name: "変更後", phone: "03-0000-0000" },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: "変更後",
        company: "変更前株式会社",
        phone: "03-0000-0000",
      });
      expect((await h.kintone.stats()).total).toBe(0);
    });

    test("list pages by cursor without duplicates or gaps, and filters by q", async () => {
      for (let i = 0; i < 120; i++) {
        await h.api("POST", "/v1/customers", {
          auth: "service",
          body: { name: `一覧 ${String(i).padStart(3, "0")}`, company: "一覧商事" },
        });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await h.api(
          "GET",
          `/v1/customers?q=${encodeURIComponent("一覧商事")}&limit=50${cursor ? `&cursor=${cursor}` : ""}`,
          { auth: "service" },
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.customers.map((c: { id: string }) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(120);
      expect(new Set(seen).size).toBe(120);
      expect((await h.api("GET", "/v1/customers?cursor=garbage", { auth: "service" })).status).toBe(400);
      expect((await h.api("GET", "/v1/customers?limit=0", { auth: "service" })).status).toBe(400);
    });
  });
});
