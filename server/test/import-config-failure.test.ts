// Issue 12 #8: an import whose job failed for a configuration reason (the backend restarted without the
// kintone origin allowed, or with another SECRET_KEY) stayed `running` for ever, so every later sync
// answered 409 IMPORT_ALREADY_RUNNING and scheduled syncs stopped, even once the configuration was fixed.
import { randomBytes } from "node:crypto";
import { templateSeed } from "@front-agent/kintone-emulator";
import { afterEach, describe, expect, test } from "vitest";
import { encryptSecret } from "../src/crypto/secrets.ts";
import { openStorage } from "../src/storage/index.ts";
import type { StorageKind } from "../src/storage/testing.ts";
import {
  type BackendData,
  createBackendData,
  eventually,
  forEachDatabase,
  type Harness,
  newestRunSucceeded,
  startHarness,
} from "./harness.ts";

type Run = { id: string; status: string; error?: string; message?: string };

const started: Harness[] = [];
/** The data every backend of a test restarts on. */
let data: BackendData | undefined;
/** The backend the settings were saved on; its emulator is the tenant's kintone throughout. */
let first: Harness | undefined;
afterEach(async () => {
  for (const h of started.splice(0)) await h.close().catch(() => {});
  // Its server is stopped by the test (closing it again only fails); its emulator served every restart.
  await first?.server.close().catch(() => {});
  await first?.emulator.close();
  first = undefined;
  await data?.remove();
  data = undefined;
});

/** A backend on `data` (the emulator of `first` stays the tenant's kintone), with this environment. */
async function restart(env: Record<string, string>): Promise<Harness> {
  const h = await startHarness({ data, env, seed: templateSeed({ customers: 0 }) });
  started.push(h);
  return h;
}

async function ended(h: Harness, key: string, runId: string, language?: "ja" | "en"): Promise<Run> {
  return eventually(
    async () => {
      const status = await h.api("GET", "/v1/kintone/status", { auth: key, language });
      const run = (status.body.runs as Run[]).find((r) => r.id === runId);
      return run && run.status !== "running" ? run : undefined;
    },
    undefined,
    `run ${runId} to end`,
  );
}

/** A backend with the tenant's settings saved and its first import done; then stopped, kintone kept. */
async function configuredThenStopped(database: StorageKind) {
  data = await createBackendData(database);
  const h = await startHarness({ data, seed: templateSeed({ customers: 5 }) });
  first = h;
  expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
  await newestRunSucceeded(h);
  await h.server.close();
  return h.tenant.connectionKey;
}

async function sync(h: Harness, key: string) {
  return h.api("POST", "/v1/kintone/sync", { auth: key, body: { mode: "incremental" } });
}

forEachDatabase((database) => {
  describe("an import that fails for a configuration reason ends as failed, and the next sync starts", () => {
    test("kintone origin no longer allowed → failed with KINTONE_ORIGIN_NOT_ALLOWED; fixed → sync runs", async () => {
      const key = await configuredThenStopped(database);

      const closed = await restart({ KINTONE_ALLOWED_ORIGINS: "" });
      const refused = await sync(closed, key);
      expect(refused.status, refused.text).toBe(202);
      const failed = await ended(closed, key, refused.body.runId);
      expect(failed).toMatchObject({ status: "failed", error: "KINTONE_ORIGIN_NOT_ALLOWED" });
      await closed.close();

      const fixed = await restart({});
      const again = await sync(fixed, key);
      expect(again.status, again.text).toBe(202);
      expect(await ended(fixed, key, again.body.runId)).toMatchObject({ status: "succeeded" });
    }, 60_000);

    test("stored tokens unreadable (encrypted under another key) → failed with what to fix; tokens given again → sync runs", async () => {
      const key = await configuredThenStopped(database);
      // What a database restored without its secret.key holds. (A start with another SECRET_KEY may be
      // refused outright; the tokens are replaced here so the run meets them whatever the start does.)
      const foreign = encryptSecret(randomBytes(32), "a token under another key");
      const { dataDir, databaseUrl } = data as BackendData;
      const storage = await openStorage({ dataDir, databaseUrl });
      const { tenantId } = (first as Harness).tenant;
      const stored = await storage.settings.get(tenantId);
      if (!stored) throw new Error("the settings were saved");
      await storage.settings.put(tenantId, {
        ...stored,
        customerTokenEnc: foreign,
        activityTokenEnc: foreign,
      });
      await storage.close();

      const h = await restart({});
      const refused = await sync(h, key);
      expect(refused.status, refused.text).toBe(202);
      const failed = await ended(h, key, refused.body.runId, "en");
      expect(failed).toMatchObject({ status: "failed", error: "IMPORT_TOKEN_UNREADABLE" });
      expect(failed.message).toContain("SECRET_KEY");

      // The message's fix: the administrator gives the tokens again and saves; then a sync runs.
      const body = (first as Harness).settings();
      const saved = await h.api("PUT", "/v1/kintone/settings", { auth: key, body });
      expect(saved.status, saved.text).toBe(200);
      const again = await sync(h, key);
      expect(again.status, again.text).toBe(202);
      expect(await ended(h, key, again.body.runId)).toMatchObject({ status: "succeeded" });
    }, 60_000);

    test("a run left running by an earlier version, its job gone, no longer holds syncs: ended, next one runs", async () => {
      const h = await startHarness({ database, seed: templateSeed({ customers: 5 }) });
      started.push(h);
      expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
      await newestRunSucceeded(h);
      const stuck = await h.server.storage.runs.create({
        id: "stuck-run",
        tenantId: h.tenant.tenantId,
        kind: "incremental",
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
      });

      const again = await sync(h, h.tenant.connectionKey);
      expect(again.status, again.text).toBe(202);
      const status = (await h.api("GET", "/v1/kintone/status")).body;
      const ended = (status.runs as Run[]).find((r) => r.id === stuck.id);
      expect(ended).toMatchObject({ status: "failed", error: "IMPORT_INTERRUPTED" });
      expect(ended?.message).toContain("もう一度同期してください");
    }, 60_000);
  });
});
