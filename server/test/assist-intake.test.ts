// Issue 11 ("Never damage a customer's kintone"), #6 and #8: what the intake of an assist event must know
// at once, over HTTP against the emulator. #6: an event that names its customer by an id alone, an id the
// backend lacks, used to be accepted and fail later with a reason pointing at the activity app's fields.
// #8: a Front Agent user who sent events but was never registered with PUT /v1/users could not be mapped.
import { formatMessage, messageFor } from "@front-agent/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assistClient, kintoneForm, kintoneRecord } from "./assist-client.ts";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

let h: Harness;
let fa: ReturnType<typeof assistClient>;

async function users() {
  return (await h.api("GET", "/v1/users")).body.users as Array<{
    id: string;
    name: string;
    email: string;
    kintoneUserCode: string | null;
  }>;
}

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database });
    await h.api("PUT", "/v1/kintone/settings", {
      body: h.settings((s) => (s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }])),
    });
    await newestRunSucceeded(h);
    fa = assistClient(h, {
      prefix: "intake",
      // A customer of its own per event: a later test's event must not match an earlier one's customer.
      base: (n) => ({
        customer: { id: null, name: `受付 顧客${n}`, company: `株式会社受付${n}` },
        minutes: { summary: "要約です。", body: "本文です。" },
      }),
    });
  });
  afterAll(() => h.close());

  describe("an event naming its customer by an id alone (issue 11 #6)", () => {
    test("an id the backend does not know, name and company empty → 422 at intake, like a schema failure, naming the fields", async () => {
      const event = fa.event({ customer: { id: "c-nobody", name: "", company: "" } });
      const ja = await fa.send(event);
      expect(ja.status).toBe(422);
      expect(ja.body.error).toEqual({
        code: "VALIDATION_FAILED",
        message: messageFor("VALIDATION_FAILED", "ja"),
        details: {
          issues: [
            {
              path: "customer.id",
              message: formatMessage("EVENT_CUSTOMER_UNKNOWN", "ja", { customerId: "c-nobody" }),
            },
            { path: "customer.name", message: messageFor("EVENT_CUSTOMER_NAME_REQUIRED", "ja") },
          ],
        },
      });
      expect(ja.body.error.details.issues[0].message).toMatch(/c-nobody/);

      const en = await fa.send(event, { language: "en" });
      expect(en.status).toBe(422);
      expect(en.body.error.message).toBe(messageFor("VALIDATION_FAILED", "en"));
      expect(en.body.error.details.issues[0]).toEqual({
        path: "customer.id",
        message: 'No customer with the ID "c-nobody" is registered in the backend.',
      });

      // The same envelope as a schema 422: same code, issues as { path, message }.
      const schema = await fa.send(fa.event({ customer: { id: null, name: "", company: "" } }));
      expect(schema.status).toBe(422);
      expect(schema.body.error.code).toBe(ja.body.error.code);
      expect(Object.keys(schema.body.error.details.issues[0]).sort()).toEqual(["message", "path"]);

      // Nothing was stored: the same eventId, now with a name, is a new export (202, not 200).
      const fixed = await fa.send({ ...event, customer: { id: "c-nobody", name: "訂正 顧客", company: "" } });
      expect(fixed.status).toBe(202);
    });

    test("a known id with name and company empty is still accepted and written", async () => {
      const made = await h.api("POST", "/v1/customers", {
        auth: "service",
        body: { name: "既知 顧客", company: "株式会社既知" },
      });
      expect(made.status).toBe(201);
      const accepted = await fa.send(fa.event({ customer: { id: made.body.id, name: "", company: "" } }));
      expect(accepted).toMatchObject({ status: 202, body: { status: "queued" } });
      expect(await fa.settled(accepted.body.exportId)).toMatchObject({
        status: "written",
        customerId: made.body.id,
      });
    });
  });

  describe("Front Agent users seen in assist events (issue 11 #8)", () => {
    test("an unregistered user becomes a known user; a registration is never overwritten by an event", async () => {
      await h.api("PUT", "/v1/users/u-registered", {
        auth: "service",
        body: { name: "登録 済子", email: "registered@example.com" },
      });
      expect(
        (
          await fa.send(
            fa.event({ user: { id: "u-registered", name: "イベント 名前", email: "event@example.com" } }),
          )
        ).status,
      ).toBe(202);
      expect(
        (await fa.send(fa.event({ user: { id: "u-events", name: "初回 名前", email: "first@example.com" } })))
          .status,
      ).toBe(202);
      // A later event does not rename a user either (see intake.ts: events arrive out of order).
      expect(
        (
          await fa.send(
            fa.event({ user: { id: "u-events", name: "二回目 名前", email: "second@example.com" } }),
          )
        ).status,
      ).toBe(202);

      const listed = await users();
      expect(listed.find((u) => u.id === "u-registered")).toEqual({
        id: "u-registered",
        name: "登録 済子",
        email: "registered@example.com",
        kintoneUserCode: null,
      });
      expect(listed.find((u) => u.id === "u-events")).toEqual({
        id: "u-events",
        name: "初回 名前",
        email: "first@example.com",
        kintoneUserCode: null,
      });
      // Registering after the events still sets the name and e-mail.
      await h.api("PUT", "/v1/users/u-events", {
        auth: "service",
        body: { name: "正式 名前", email: "official@example.com" },
      });
      expect((await users()).find((u) => u.id === "u-events")).toMatchObject({ name: "正式 名前" });
    });

    test("with 担当者 required: failed as not mapped, listed for mapping, then written with 担当者 once the settings map the user", async () => {
      const appId = h.apps.activity.appId;
      const fields = await kintoneForm(h, h.apps.activity);
      await h.kintone.setForm(appId, {
        ...fields,
        担当者: { ...fields.担当者, required: true },
      } as never);
      try {
        const accepted = await fa.send(
          fa.event({ user: { id: "u-unregistered", name: "未登録 花子", email: "mikan@example.com" } }),
        );
        expect(accepted.status).toBe(202);
        const failed = await fa.settled(accepted.body.exportId);
        expect(failed).toMatchObject({
          status: "failed",
          reason: formatMessage("EXPORT_USER_NOT_MAPPED", "ja", { user: "未登録 花子" }),
        });

        // The plug-in's mapping table lists the user, so the administrator can map them.
        expect((await users()).find((u) => u.id === "u-unregistered")).toEqual({
          id: "u-unregistered",
          name: "未登録 花子",
          email: "mikan@example.com",
          kintoneUserCode: null,
        });
        const saved = await h.resave((s) => {
          s.userMappings = [
            { frontAgentUserId: "u-1", kintoneUserCode: "yamada" },
            { frontAgentUserId: "u-unregistered", kintoneUserCode: "sato" },
          ];
        });
        expect(saved.status).toBe(200);
        expect((await users()).find((u) => u.id === "u-unregistered")?.kintoneUserCode).toBe("sato");

        const done = await fa.reached(accepted.body.exportId, "written");
        const record = await kintoneRecord(h, h.apps.activity, done.kintoneRecordId);
        expect(record.担当者?.value).toEqual([{ code: "sato", name: "佐藤 花子" }]);
      } finally {
        await h.kintone.setForm(appId, fields as never);
      }
    });
  });
});
