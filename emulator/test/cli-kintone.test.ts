import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { templateSeed } from "../src/index.ts";
import { emulatorWith, type TestEmulator } from "./helpers.ts";

const run = promisify(execFile);
const cliKintone = fileURLToPath(new URL("../node_modules/.bin/cli-kintone", import.meta.url));

// cli-kintone is the tool our import is benchmarked against; its export must run unchanged on the emulator.
let emu: TestEmulator;
let appId: string;
let token: string;

beforeAll(async () => {
  emu = await emulatorWith(templateSeed({ customers: 1000, now: "2026-11-20T00:00:00Z" }));
  appId = emu.seed?.apps.customer?.appId ?? "";
  token = emu.seed?.apps.customer?.tokens[0] ?? "";
});
afterAll(() => emu.close());

/** A minimal CSV reader for cli-kintone's output: every value quoted, "" as an escaped quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe("cli-kintone record export against the emulator", () => {
  test("exports all 1,000 records with an API token, reading 500 at a time by $id", async () => {
    await emu.control.resetStats();
    const { stdout } = await run(
      cliKintone,
      ["record", "export", "--base-url", emu.url, "--app", appId, "--api-token", token],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const rows = parseCsv(stdout);
    const [header, ...records] = rows;
    expect(records).toHaveLength(1000);
    expect(header).toEqual(
      expect.arrayContaining(["レコード番号", "顧客名", "会社名", "メールアドレス", "電話番号", "住所"]),
    );
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const numbers = records.map((r) => Number(r[col("レコード番号")]));
    expect(new Set(numbers).size).toBe(1000);
    const first = records.find((r) => r[col("レコード番号")] === "1");
    expect(first?.[col("顧客名")]).toBe("佐藤 太郎");
    expect(first?.[col("メールアドレス")]).toBe("customer00001@example.com");

    const paths = (await emu.control.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(paths).toEqual([
      "GET /k/v1/app/form/fields.json 200",
      "GET /k/v1/app/form/layout.json 200",
      "GET /k/v1/records.json 200",
      "GET /k/v1/records.json 200",
      "GET /k/v1/records.json 200",
    ]);
  });

  test("a wrong token makes cli-kintone fail with kintone's GAIA_IA02 message", async () => {
    const error = await run(cliKintone, [
      "record",
      "export",
      "--base-url",
      emu.url,
      "--app",
      appId,
      "--api-token",
      "wrong",
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/GAIA_IA02|API トークン|APIトークン/);
  });
});
