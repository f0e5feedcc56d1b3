import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { openSqliteFile } from "./sqlite.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

// Issue 12 #4: installations made before the rule have a 0755 folder and a 0644 database; the next start
// makes them owner-only.
test("an existing world-readable DATA_DIR and database are made owner-only when opened", () => {
  const parent = mkdtempSync(join(tmpdir(), "fa-data-dir-"));
  dirs.push(parent);
  const dataDir = join(parent, "data");
  openSqliteFile(dataDir).close();
  const file = join(dataDir, "front-agent.sqlite");
  chmodSync(dataDir, 0o755);
  chmodSync(file, 0o644);

  const db = openSqliteFile(dataDir);
  db.exec("create table t (a)");
  expect([mode(dataDir), mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual([
    "700",
    "600",
    "600",
    "600",
  ]);
  db.close();
});
