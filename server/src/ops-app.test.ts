import { formatMessage } from "@front-agent/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Metrics } from "./metrics.ts";
import { createOpsApp } from "./ops-app.ts";
import { openTempStorage, type TempStorage } from "./storage/testing.ts";

// /healthz is what a supervisor or a load balancer waits for: healthy means the process does its whole
// work. A process whose jobs thread was still loading answered 200, and a settings save sent to it then
// waited for the thread before its first import even began (issue 16).
describe("GET /healthz", () => {
  let temp: TempStorage;
  beforeAll(async () => {
    temp = await openTempStorage();
  });
  afterAll(() => temp.dispose());

  const health = async (jobsStarted: boolean, language = "ja") => {
    const app = createOpsApp(temp.storage, new Metrics(), () => jobsStarted);
    const response = await app.request("/healthz", { headers: { "accept-language": language } });
    return { status: response.status, body: await response.json() };
  };

  test.each([
    ["ja", formatMessage("STARTING", "ja")],
    ["en", formatMessage("STARTING", "en")],
  ])(
    "503 STARTING (%s) while the process's jobs have not started, though the database answers",
    async (language, message) => {
      expect(await health(false, language)).toEqual({
        status: 503,
        body: { error: { code: "STARTING", message } },
      });
    },
  );

  test("200 once they have", async () => {
    expect(await health(true)).toEqual({ status: 200, body: { status: "ok" } });
  });
});
