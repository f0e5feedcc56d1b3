import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "./app-error.ts";

/** API.md: bodies over 1 MiB answer 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The raw body of a JSON request: not JSON → 415, over 1 MiB → 413. Kept raw for signature checks. */
export async function readJsonBytes(c: Context): Promise<Uint8Array> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError(415, "UNSUPPORTED_MEDIA_TYPE");
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError(413, "PAYLOAD_TOO_LARGE");
  const raw = new Uint8Array(await c.req.arrayBuffer());
  if (raw.byteLength > MAX_BODY_BYTES) throw new AppError(413, "PAYLOAD_TOO_LARGE");
  return raw;
}

/** Parses and validates: unparsable → 400, against the schema → 422 with each issue's path. */
export function parseJson<S extends z.ZodType>(raw: Uint8Array, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError(400, "INVALID_JSON");
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new AppError(422, "VALIDATION_FAILED", {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return result.data;
}

/**
 * Reads and validates a JSON body: not JSON → 415, unparsable → 400, over 1 MiB → 413, against the schema
 * → 422 with each issue's path, so the plug-in can show the error next to the field it concerns.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseJson(await readJsonBytes(c), schema);
}
