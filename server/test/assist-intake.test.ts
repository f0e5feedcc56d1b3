// Issue 11 ("Never damage a customer's kintone"), #6 and #8: what the intake of an assist event must know
// at once, over HTTP against the emulator. #6: an event that names its customer by an id alone, an id the
// backend lacks, used to be accepted and fail later with a reason pointing at the activity app's fields.
// #8: a Front Agent user who sent events but was never registered with PUT /v1/users could not be mapped.
import { formatMessage, messageFor, signAssistBody } from "@front-agent/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, type Harness, startHarness } from "./harness.ts";

let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await startHarness();
  await h.api("PUT", "/v1/kintone/settings", {
    body: h.settings((s) => (s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }])),
  });
  await eventually(async () =>
    (await h.api("GET", "/v1/kintone/status")).body.runs[0]?.status === "succeeded" ? true : undefined,
  );
});
afterAll(() => h.close());

function assistEvent(change: Record<string, unknown> = {}) {
  seq++;
  return {
    eventId: `evt-intake-${seq}`,
    occurredAt: "2026-11-24T09:30:00Z",
    user: { id: "u-1", name: "山田 太郎", email: "yamada@example.co.jp" },
    // A customer of its own per event: a later test's event must not match an earlier one's customer.
    customer: { id: null, name: `受付 顧客${seq}`, company: `株式会社受付${seq}` },
    meeting: {
      title: `定例MTG ${seq}`,
      startedAt: "2026-11-24T09:00:00Z",
      endedAt: "2026-11-24T09:30:00Z",
      url: `https://front-agent.example.com/minutes/intake-${seq}`,
    },
    minutes: { summary: "要約です。", body: "本文です。" },
    ...change,
  };
}

async function send(event: unknown, language?: "ja" | "en") {
  const raw = JSON.stringify(event);
  const res = await fetch(`${h.server.url}/v1/events/assist`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${h.tenant.serviceToken}`,
      "content-type": "application/json",
      "x-fa-signature": signAssistBody(h.tenant.webhookSecret, raw, Math.floor(Date.now() / 1000)),
      ...(language ? { "accept-language": language } : {}),
    },
    body: raw,
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field
  return { status: res.status, body: (await res.json()) as any };
}

async function settled(exportId: string) {
  return eventually(
    async () => {
      const res = await h.api("GET", `/v1/exports/${exportId}`, { auth: "service" });
      return res.body.status !== "queued" ? res.body : undefined;
    },
    20_000,
    `export ${exportId}`,
  );
}

async function users() {
  return (await h.api("GET", "/v1/users")).body.users as Array<{
    id: string;
    name: string;
    email: string;
    kintoneUserCode: string | null;
  }>;
}

describe("an event naming its customer by an id alone (issue 11 #6)", () => {
  test("an id the backend does not know, name and company empty → 422 at intake, like a schema failure, naming the fields", async () => {
    const event = assistEvent({ customer: { id: "c-nobody", name: "", company: "" } });
    const ja = await send(event);
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

    const en = await send(event, "en");
    expect(en.status).toBe(422);
    expect(en.body.error.message).toBe(messageFor("VALIDATION_FAILED", "en"));
    expect(en.body.error.details.issues[0]).toEqual({
      path: "customer.id",
      message: 'No customer with the ID "c-nobody" is registered in the backend.',
    });

    // The same envelope as a schema 422: same code, issues as { path, message }.
    const schema = await send(assistEvent({ customer: { id: null, name: "", company: "" } }));
    expect(schema.status).toBe(422);
    expect(schema.body.error.code).toBe(ja.body.error.code);
    expect(Object.keys(schema.body.error.details.issues[0]).sort()).toEqual(["message", "path"]);

    // Nothing was stored: the same eventId, now with a name, is a new export (202, not 200).
    const fixed = await send({ ...event, customer: { id: "c-nobody", name: "訂正 顧客", company: "" } });
    expect(fixed.status).toBe(202);
  });

  test("a known id with name and company empty is still accepted and written", async () => {
    const made = await h.api("POST", "/v1/customers", {
      auth: "service",
      body: { name: "既知 顧客", company: "株式会社既知" },
    });
    expect(made.status).toBe(201);
    const accepted = await send(assistEvent({ customer: { id: made.body.id, name: "", company: "" } }));
    expect(accepted).toMatchObject({ status: 202, body: { status: "queued" } });
    expect(await settled(accepted.body.exportId)).toMatchObject({
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
        await send(
          assistEvent({ user: { id: "u-registered", name: "イベント 名前", email: "event@example.com" } }),
        )
      ).status,
    ).toBe(202);
    expect(
      (await send(assistEvent({ user: { id: "u-events", name: "初回 名前", email: "first@example.com" } })))
        .status,
    ).toBe(202);
    // A later event does not rename a user either (see intake.ts: events arrive out of order).
    expect(
      (
        await send(
          assistEvent({ user: { id: "u-events", name: "二回目 名前", email: "second@example.com" } }),
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
    const form = await fetch(`${h.emulator.url}/k/v1/app/form/fields.json?app=${appId}`, {
      headers: { "X-Cybozu-API-Token": h.apps.activity.token },
    }).then((r) => r.json() as Promise<{ properties: Record<string, { code: string; required?: boolean }> }>);
    await h.kintone.setForm(appId, {
      ...form.properties,
      担当者: { ...form.properties.担当者, required: true },
    } as never);
    try {
      const accepted = await send(
        assistEvent({ user: { id: "u-unregistered", name: "未登録 花子", email: "mikan@example.com" } }),
      );
      expect(accepted.status).toBe(202);
      const failed = await settled(accepted.body.exportId);
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
      const saved = await h.api("PUT", "/v1/kintone/settings", {
        body: h.settings((s) => {
          s.customerApp.apiToken = { set: true };
          s.activityApp.apiToken = { set: true };
          s.userMappings = [
            { frontAgentUserId: "u-1", kintoneUserCode: "yamada" },
            { frontAgentUserId: "u-unregistered", kintoneUserCode: "sato" },
          ];
        }),
      });
      expect(saved.status).toBe(200);
      expect((await users()).find((u) => u.id === "u-unregistered")?.kintoneUserCode).toBe("sato");

      const done = await eventually(async () => {
        const res = await h.api("GET", `/v1/exports/${accepted.body.exportId}`, { auth: "service" });
        return res.body.status === "written" ? res.body : undefined;
      });
      const record = await fetch(
        `${h.emulator.url}/k/v1/record.json?app=${appId}&id=${done.kintoneRecordId}`,
        { headers: { "X-Cybozu-API-Token": h.apps.activity.token } },
      ).then((r) => r.json() as Promise<{ record: Record<string, { value: unknown }> }>);
      expect(record.record.担当者?.value).toEqual([{ code: "sato", name: "佐藤 花子" }]);
    } finally {
      await h.kintone.setForm(appId, form.properties as never);
    }
  });
});
