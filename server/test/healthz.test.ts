import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createApp } from "../src/app.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { openSqlite } from "../src/storage/database.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fa-server-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("GET /healthz", () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test("answers 200 over real HTTP when the SQLite file answers", async () => {
    server = await startServer({ port: 0, host: "127.0.0.1", dataDir: tempDir() });
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("answers 503 with a Japanese message when the database is gone, English on request", async () => {
    const db = openSqlite(tempDir());
    const app = createApp({ db });
    db.close();
    const ja = await app.request("/healthz");
    expect(ja.status).toBe(503);
    expect(await ja.json()).toMatchObject({
      error: { code: "NOT_READY", message: expect.stringMatching(/データベース/) },
    });
    const en = await app.request("/healthz", { headers: { "accept-language": "en" } });
    expect(await en.json()).toMatchObject({
      error: { code: "NOT_READY", message: expect.stringMatching(/database/) },
    });
  });

  test("unknown paths answer 404 in the API.md envelope", async () => {
    const app = createApp({ db: openSqlite(tempDir()) });
    const res = await app.request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
