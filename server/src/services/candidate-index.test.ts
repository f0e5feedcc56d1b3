// Issue 16: the first import and a full sync build the candidate index from their own read, so a search
// or an export that finds it missing (or a day old) while one of them runs must not queue a second read.
import { updatedSinceCondition } from "@front-agent/shared";
import { describe, expect, test } from "vitest";
import type { KintoneGateway } from "../kintone/gateway.ts";
import type { ImportRunKind } from "../storage/index.ts";
import { forEachDatabase, useTempStorage } from "../storage/testing.ts";
import {
  CANDIDATE_INDEX_JOB,
  REBUILD_AFTER_MS,
  refreshCandidateIndex,
  updatedBeforeCondition,
} from "./candidate-index.ts";
import { startImportRun } from "./import-runs.ts";
import type { ResolvedSettings } from "./settings.ts";

const NOW = new Date("2026-11-25T00:00:00.000Z");
const settings = { customerApp: { appId: "14", fields: {} } } as unknown as ResolvedSettings;
// These cases never reach kintone: a read would be a second read of the app.
const gateway = new Proxy({} as KintoneGateway, {
  get: (_target, name) => () => {
    throw new Error(`kintone asked: ${String(name)}`);
  },
});

describe("updatedBeforeCondition", () => {
  test.each([
    ["a minute's start", "2026-10-05T09:52:00Z", '更新日時 < "2026-10-05T09:52:00Z"'],
    // The window's condition floors to the minute; its complement must use the same minute.
    ["within a minute", "2026-10-05T09:52:41.250Z", '更新日時 < "2026-10-05T09:52:00Z"'],
  ])("%s", (_name, since, expected) => {
    expect(updatedBeforeCondition("更新日時", new Date(since))).toBe(expected);
    expect(updatedSinceCondition("更新日時", new Date(since), 0).replace(">=", "<")).toBe(expected);
  });
});

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);

  async function refresh() {
    let queued = 0;
    const answer = await refreshCandidateIndex(
      { storage: t.storage, gateway, settings, now: () => NOW, onQueued: () => queued++ },
      "t1",
    );
    const pending = await t.storage.jobs.pending("t1", CANDIDATE_INDEX_JOB);
    expect(pending).toHaveLength(queued);
    return { answer, queued };
  }

  async function built(ago: number) {
    const at = new Date(NOW.getTime() - ago).toISOString();
    await t.storage.candidateIndex.finishBuild("t1", "14", {
      buildId: "b1",
      builtAt: at,
      freshSince: at,
      refreshedAt: NOW.toISOString(),
    });
  }

  describe("refreshCandidateIndex queues a build only when no read of the whole app is under way", () => {
    test.each<[string, ImportRunKind | null, number | null, { answer: string; queued: number }]>([
      ["never built, nothing running", null, null, { answer: "missing", queued: 1 }],
      ["never built, a first import running", "initial", null, { answer: "missing", queued: 0 }],
      ["never built, a full sync running", "full", null, { answer: "missing", queued: 0 }],
      // An incremental sync reads what changed: it cannot build the index.
      ["never built, an incremental sync running", "incremental", null, { answer: "missing", queued: 1 }],
      ["a day old, nothing running", null, REBUILD_AFTER_MS + 1, { answer: "fresh", queued: 1 }],
      ["a day old, a full sync running", "full", REBUILD_AFTER_MS + 1, { answer: "fresh", queued: 0 }],
      ["built an hour ago", null, 3_600_000, { answer: "fresh", queued: 0 }],
    ])("%s", async (_name, running, builtAgo, expected) => {
      if (running) await startImportRun(t.storage, "t1", running, NOW);
      if (builtAgo !== null) await built(builtAgo);
      expect(await refresh()).toEqual(expected);
    });
  });
});
