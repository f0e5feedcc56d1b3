import type { ChildProcess } from "node:child_process";
import { EmulatorClient, startEmulator, templateSeed } from "@front-agent/kintone-emulator";
import { assistAcceptedSchema } from "@front-agent/shared";
import { test } from "vitest";
import { CHILD_ADMIN_TOKEN, freePort, kill, startBackend, useBackendBundle } from "./child-backend.ts";
import { createBackendData, eventually, forEachDatabase } from "./harness.ts";
import {
  assistEvent,
  createTenant,
  exportView,
  saveTemplateSettings,
  sendAssistEvent,
} from "./process-client.ts";

// SPEC E5: the backend dies after kintone wrote the activity record but before the export was marked
// written. On restart the export is written again — and there must still be exactly one record.
useBackendBundle();

forEachDatabase((database) => {
  // Side by side: each case has its own kintone, data and backend process, and mostly waits on them.
  test.concurrent.for([
    ["the event-id field is unique (kintone refuses the second add)", "FrontAgentイベントID", true],
    ["no event-id field (looked up by what it wrote: link, title, minutes)", null, true],
    ["an event-id field without 重複禁止 (looked up by its event id first)", "FrontAgentイベントID", false],
  ] as const)(
    "killed mid-write, restarted: one activity record — %s",
    { timeout: 90_000 },
    async ([_name, eventIdField, eventIdUnique], { expect, onTestFinished }) => {
      const emulator = await startEmulator({ seed: templateSeed({ customers: 10, spreadDays: 10 }) });
      const control = new EmulatorClient(emulator.url);
      const data = await createBackendData(database);
      let child: ChildProcess | undefined;
      onTestFinished(async () => {
        if (child) await kill(child);
        await emulator.close();
        await data.remove();
      });
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      child = await startBackend(port, data);
      const tenant = await createTenant(base, CHILD_ADMIN_TOKEN, "クラッシュ");
      const apps = emulator.seed?.apps ?? {};
      if (!eventIdUnique) {
        // An event-id field that may repeat: kintone cannot refuse a second add, the backend must look first.
        const form = (await (
          await fetch(`${emulator.url}/k/v1/app/form/fields.json?app=${apps.activity?.appId}`, {
            headers: { "X-Cybozu-API-Token": apps.activity?.tokens[0] ?? "" },
          })
        ).json()) as { properties: Record<string, Record<string, unknown>> };
        await control.setForm(apps.activity?.appId ?? "", {
          ...form.properties,
          FrontAgentイベントID: { ...form.properties.FrontAgentイベントID, unique: false },
        } as never);
      }
      const saved = await saveTemplateSettings(base, tenant, emulator, (settings) => {
        settings.activityApp.fields.eventId = eventIdField;
      });
      expect(saved).toBe(200);

      // kintone takes 1.5 s to answer the activity write: long enough to kill the backend while it waits.
      await control.addFault({
        delayMs: 1500,
        method: "POST",
        path: "/k/v1/record.json",
        appId: Number(apps.activity?.appId),
        times: 1,
      });
      const event = assistEvent(
        1,
        { id: null, name: "クラッシュ 太郎", company: "株式会社クラッシュ" },
        "crash",
      );
      const accepted = await sendAssistEvent(base, tenant, event);
      expect(accepted.status).toBe(202);
      const { exportId } = assistAcceptedSchema.parse(await accepted.json());

      // The write is in flight at kintone: kill the backend now. kintone still completes the write.
      await eventually(
        async () => ((await control.stats()).running > 0 ? true : undefined),
        30_000,
        "the activity write to be in flight",
      );
      await kill(child);
      const count = async () => {
        const res = await fetch(
          `${emulator.url}/k/v1/records.json?app=${apps.activity?.appId}&totalCount=true&query=${encodeURIComponent(`件名 = "${event.meeting.title}"`)}`,
          {
            headers: { "X-Cybozu-API-Token": apps.activity?.tokens[0] ?? "" },
          },
        );
        return Number(((await res.json()) as { totalCount: string }).totalCount);
      };
      await eventually(
        async () => ((await count()) === 1 ? true : undefined),
        30_000,
        "kintone to finish the write",
      );

      child = await startBackend(port, data);
      const done = await eventually(
        async () => {
          const view = await exportView(base, tenant, exportId);
          return view.status === "written" ? view : undefined;
        },
        30_000,
        "the export to be written after the restart",
      );
      expect(await count()).toBe(1);
      expect(done.kintoneRecordId).toEqual(expect.any(String));
    },
  );
});
