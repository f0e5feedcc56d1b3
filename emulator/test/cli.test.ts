import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { KintoneRestAPIClient } from "@kintone/rest-api-client";
import { afterEach, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  return typeof address === "object" && address ? address.port : 0;
}

/** Runs `pnpm emulator …` the way package.json does and returns its first stdout line. */
async function startCli(args: string[]): Promise<{ line: string; process: ChildProcess }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "emulator/src/cli.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  const [line] = (await once(lines, "line")) as [string];
  return { line, process: proc };
}

interface CliOutput {
  url: string;
  apps: Record<string, { appId: string; apiToken: string }>;
  users: Array<{ code: string; name: string; email: string; password: string }>;
}

describe("pnpm emulator --port N --seed template", () => {
  test("prints one JSON line with the URL, both template apps, their tokens and users, then serves", async () => {
    const port = await freePort();
    const { line, process } = await startCli(["--port", String(port), "--seed", "template"]);
    const out = JSON.parse(line) as CliOutput;
    expect(out.url).toBe(`http://localhost:${port}`);
    expect(Object.keys(out.apps).sort()).toEqual(["activity", "customer"]);
    expect(out.users.length).toBeGreaterThanOrEqual(5);
    expect(out.users[0]).toEqual({
      code: "yamada",
      name: "山田 太郎",
      email: "yamada@example.co.jp",
      password: expect.any(String),
    });

    const customer = out.apps.customer as { appId: string; apiToken: string };
    const activity = out.apps.activity as { appId: string; apiToken: string };
    const client = new KintoneRestAPIClient({
      baseUrl: out.url,
      auth: { apiToken: [customer.apiToken, activity.apiToken] },
    });
    const all = await client.record.getAllRecords({ app: customer.appId });
    expect(all.length).toBe(300);
    const app = await client.app.getApp({ id: activity.appId });
    expect(app.name).toBe("活動履歴(Front Agent)");
    const users = new KintoneRestAPIClient({
      baseUrl: out.url,
      auth: { username: "yamada", password: out.users[0]?.password ?? "" },
    });
    expect((await users.app.getApps({})).apps).toHaveLength(2);

    process.kill("SIGTERM");
    const [code] = await once(process, "exit");
    expect(code).toBe(0);
  });

  test("a bad port is refused with a usage message", async () => {
    const proc = spawn(process.execPath, ["--import", "tsx", "emulator/src/cli.ts", "--port", "http"], {
      cwd: root,
    });
    child = proc;
    let stderr = "";
    proc.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const [code] = await once(proc, "exit");
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be a port number/);
  });
});
