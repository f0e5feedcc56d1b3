import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "./app-error.ts";

/**
 * The raw body of a JSON request: not JSON → 415. Kept raw for signature checks. Over 1 MiB → 413 comes
 * from the app-wide bodyLimit, which makes this read fail at the limit instead of holding the whole body.
 */
export async function readJsonBytes(c: Context): Promise<Uint8Array> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError(415, "UNSUPPORTED_MEDIA_TYPE");
  return new Uint8Array(await c.req.arrayBuffer());
}

/** Parses and validates: unparsable → 400, against the schema → 422 with each issue's path. */
export function parseJson<S extends z.ZodType>(raw: Uint8Array, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError(400, "INVALID_JSON");
  }
  return validate(data, schema, 422);
}

/**
 * The path parameters against the shared schema OpenAPI publishes → 422 naming the parameter, like a body
 * field: a path id such as PUT /v1/users/{id}'s is stored as given.
 */
export function readParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validate(c.req.param(), schema, 422);
}

/** The query parameters against the shared schema OpenAPI publishes → 400 (API.md: malformed parameters). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validate(c.req.query(), schema, 400);
}

/** VALIDATION_FAILED with each issue's path, so the caller can show the error next to the field it concerns. */
function validate<S extends z.ZodType>(data: unknown, schema: S, status: 400 | 422): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new AppError(status, "VALIDATION_FAILED", {
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
