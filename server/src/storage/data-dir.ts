import { accessSync, chmodSync, constants, mkdirSync, statSync } from "node:fs";
import { StartupError } from "../startup-error.ts";

/**
 * Makes sure DATA_DIR is a folder the server can write, readable by its owner only (0700): it holds the
 * encryption key and a database of tenants' API tokens and customers, which other local users have no
 * business reading. Created if missing; an existing folder is tightened too, so an installation made
 * before this rule is fixed by its next start.
 */
export function prepareDataDir(dataDir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dataDir).isDirectory();
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw notWritable(dataDir, error);
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    } catch (mkdirError) {
      // A file somewhere on the way (`DATA_DIR=some-file/data`) is the same mistake as DATA_DIR a file.
      if (errorCode(mkdirError) === "ENOTDIR") throw notADirectory(dataDir, mkdirError);
      throw notWritable(dataDir, mkdirError);
    }
    return;
  }
  if (!isDirectory) throw notADirectory(dataDir);
  restrictToOwner(dataDir, 0o700);
  try {
    accessSync(dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw notWritable(dataDir, error);
  }
}

/**
 * Takes group and other permissions off a file or folder that has them. Only its owner may change a mode:
 * a folder someone else owns (e.g. DATA_DIR=/tmp) is left as it is rather than refused.
 */
export function restrictToOwner(path: string, mode: 0o600 | 0o700): void {
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
  } catch (error) {
    if (errorCode(error) !== "EPERM" && errorCode(error) !== "ENOENT") throw error;
  }
}

function notADirectory(path: string, cause?: unknown): StartupError {
  return new StartupError("DATA_DIR_NOT_A_DIRECTORY", { path }, { cause });
}

function notWritable(path: string, cause: unknown): StartupError {
  return new StartupError(
    "DATA_DIR_NOT_WRITABLE",
    { path, reason: errorCode(cause) ?? String(cause) },
    { cause },
  );
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
