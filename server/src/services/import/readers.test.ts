import type { EmulatorClient, RunningEmulator } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCustomerAppEmulator } from "../../kintone/emulator-testing.ts";
import type { KintoneRecordJson } from "../../kintone/gateway.ts";
import { parseAllowedOrigins } from "../../kintone/origins.ts";
import { createRestGateway } from "../../kintone/rest-gateway.ts";
import { readMostRecent } from "./readers.ts";

let emu: RunningEmulator;
let control: EmulatorClient;
let appId: string;
let token: string;

beforeAll(async () => {
  ({ emu, control, appId, token } = await startCustomerAppEmulator(30));
});
afterAll(() => emu.close());

function gateway() {
  return createRestGateway({
    baseUrl: emu.url,
    tokens: { [appId]: token },
    allowedOrigins: parseAllowedOrigins("http://localhost:*"),
    sleep: async () => {},
  });
}

describe("reading the most recent records asks kintone for the import's fields only", () => {
  // A cap above kintone's offset limit goes through a cursor; below it, through offsets.
  test.each([
    ["by cursor", 20_000, "/k/v1/records/cursor.json", "POST"],
    ["by offset", 20, "/k/v1/records.json", "GET"],
  ])("%s", async (_name, cap, path, method) => {
    await control.resetStats();
    const fields = ["$id", "$revision", "顧客名"];
    const read: KintoneRecordJson[] = [];
    await readMostRecent(
      gateway(),
      { appId, condition: "", updatedField: "更新日時", cap, fields },
      async (page) => {
        read.push(...page.records);
      },
    );

    const asked = (await control.requests(path)).filter((r) => r.method === method);
    expect(asked.length).toBeGreaterThan(0);
    for (const request of asked) expect(request.params.fields).toEqual(fields);
    expect(read).toHaveLength(Math.min(cap, 30));
    for (const record of read) expect(Object.keys(record).sort()).toEqual([...fields].sort());
  });
});
