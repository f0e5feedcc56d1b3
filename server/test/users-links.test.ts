import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

let h: Harness;

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database });
    await h.api("PUT", "/v1/kintone/settings", {
      body: h.settings((s) => {
        s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
      }),
    });
    await newestRunSucceeded(h);
  });
  afterAll(() => h.close());

  describe("Front Agent users and their kintone mapping", () => {
    test("PUT /v1/users/{id} registers or updates (service token); GET lists them with the mapped kintone user (connection key)", async () => {
      const put = await h.api("PUT", "/v1/users/u-1", {
        auth: "service",
        body: { name: "山田 太郎", email: "yamada@example.co.jp" },
      });
      expect(put).toMatchObject({
        status: 200,
        body: { id: "u-1", name: "山田 太郎", kintoneUserCode: "yamada" },
      });
      await h.api("PUT", "/v1/users/u-2", {
        auth: "service",
        body: { name: "佐藤 花子", email: "sato@example.co.jp" },
      });
      await h.api("PUT", "/v1/users/u-1", {
        auth: "service",
        body: { name: "山田 太郎（営業）", email: "yamada@example.co.jp" },
      });
      const list = await h.api("GET", "/v1/users");
      expect(list.body.users).toEqual([
        { id: "u-1", name: "山田 太郎（営業）", email: "yamada@example.co.jp", kintoneUserCode: "yamada" },
        { id: "u-2", name: "佐藤 花子", email: "sato@example.co.jp", kintoneUserCode: null },
      ]);
    });

    test("the users API keeps the two credentials apart, and an empty name is refused", async () => {
      expect(
        (await h.api("PUT", "/v1/users/u-3", { auth: "connection", body: { name: "x", email: "" } })).status,
      ).toBe(401);
      expect((await h.api("GET", "/v1/users", { auth: "service" })).status).toBe(401);
      expect(
        (await h.api("PUT", "/v1/users/u-3", { auth: "service", body: { name: " ", email: "" } })).status,
      ).toBe(422);
    });
  });

  describe("GET /v1/kintone/customer-link (the record-view button)", () => {
    test("a linked record answers the Front Agent URL of its customer", async () => {
      const customers = await h.api("GET", "/v1/customers?limit=500", { auth: "service" });
      const linked = customers.body.customers.find(
        (c: { kintone: { recordId: string } | null }) => c.kintone,
      );
      const res = await h.api("GET", `/v1/kintone/customer-link?recordId=${linked.kintone.recordId}`);
      expect(res).toMatchObject({
        status: 200,
        body: { url: `https://front-agent.example.com/customers/${linked.id}` },
      });
    });

    test("a record no customer is linked to → 404; not a record id → 400", async () => {
      expect((await h.api("GET", "/v1/kintone/customer-link?recordId=999999")).status).toBe(404);
      expect((await h.api("GET", "/v1/kintone/customer-link?recordId=abc")).status).toBe(400);
    });
  });
});
