/** Where a request goes, from its path alone. */
export type ApiPath =
  | { kind: "kintone"; resource: string; guestSpaceId: string | null }
  | { kind: "user"; resource: string }
  | { kind: "control"; rest: string };

const KINTONE = /^\/k\/(?:guest\/(\d+)\/)?v1\/(.+)\.json$/;
const USER_API = /^\/v1\/(.+)\.json$/;
export const CONTROL_PREFIX = "/__emulator/";

export function parseApiPath(pathname: string): ApiPath | null {
  const k = KINTONE.exec(pathname);
  if (k) return { kind: "kintone", resource: k[2] ?? "", guestSpaceId: k[1] ?? null };
  const u = USER_API.exec(pathname);
  if (u) return { kind: "user", resource: u[1] ?? "" };
  if (pathname.startsWith(CONTROL_PREFIX))
    return { kind: "control", rest: pathname.slice(CONTROL_PREFIX.length) };
  return null;
}

/**
 * Query-string parameters the way kintone reads them: `fields[0]=a&fields[1]=b` and repeated keys are
 * arrays, everything else a string. An indexed entry keeps its index: a missing one is a gap (undefined),
 * which is how the official client (qs) writes an `undefined` entry, e.g. `revisions: [undefined, 3]` as
 * `revisions[1]=3`; closing the gap would pair revision 3 with the first id instead of the second.
 */
export function parseSearchParams(search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const indexed = new Map<string, Array<[number, string]>>();
  for (const [key, value] of search) {
    const m = /^(.+)\[(\d+)\]$/.exec(key);
    if (m) {
      const list = indexed.get(m[1] as string) ?? [];
      list.push([Number(m[2]), value]);
      indexed.set(m[1] as string, list);
    } else if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else {
      out[key] = value;
    }
  }
  for (const [key, list] of indexed) out[key] = placed(list);
  return out;
}

/** kintone's array parameters hold at most 100 entries (ids, fields[0–99]); far-off indices are not placed. */
const MAX_PLACED_INDEX = 10_000;

function placed(list: Array<[number, string]>): Array<string | undefined> {
  const sorted = list.sort((a, b) => a[0] - b[0]);
  const last = sorted.at(-1)?.[0] ?? 0;
  if (last >= MAX_PLACED_INDEX) return sorted.map(([, v]) => v);
  const out: Array<string | undefined> = Array.from({ length: last + 1 }, () => undefined);
  for (const [i, v] of sorted) out[i] = v;
  return out;
}
