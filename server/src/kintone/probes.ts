import type { KintoneFailure } from "./failure.ts";
import type { Permission, ProbeResult } from "./gateway.ts";

/**
 * kintone has no API that reports an API token's own permissions (facts §5.4), so each permission is
 * probed with a request that needs it and whose every answer is read below. What each answer means, and
 * where that is documented, measured or only inferred, is in docs/kintone-probes.md.
 *
 * - view: GET records.json `limit 1`, `$id` only.
 * - manage: GET preview/app/form/fields.json (the pre-live form needs app management).
 * - edit: PUT record.json of a record that cannot exist, without `record` (kintone: "省略すると、データは
 *   更新されません"), so nothing is changed whatever the answer.
 * - add: one bulkRequest: [0] POST record.json (an empty record), [1] PUT record.json of a record that
 *   cannot exist. [1] always fails, and a bulkRequest that fails anywhere is rolled back whole, so the add
 *   never stays; [1] is only reached once [0] has been carried out, permission check included.
 */

/**
 * A record id no app reaches: kintone numbers an app's records from 1, one by one. Within 32 bits, so that
 * no parameter check can refuse it for its size.
 */
export const NO_SUCH_RECORD = 2147483647;

/** The add probe's sub-requests (bulkRequest, facts §1.6); `endpointName` lets the client build the path. */
export function addProbeRequests(appId: string) {
  return [
    { method: "POST", endpointName: "record" as const, payload: { app: appId } },
    { method: "PUT", endpointName: "record" as const, payload: { app: appId, id: NO_SUCH_RECORD } },
  ];
}

/** How kintone answered a probe: 2xx, or a failure (with the failing sub-request's index for a bulkRequest). */
export type ProbeAnswer =
  | { ok: true }
  | { ok: false; failure: KintoneFailure; bulkRequestIndex?: number | undefined };

/**
 * What a probe's answer says about the permission, or null when it says nothing about it: kintone down or
 * rate limited (after the retries), a redirect, a token or app kintone does not accept, a guest-space app.
 * The caller rethrows those (the view probe's failures are how the settings checks learn the app's reach).
 * Any other answer is mapped, never thrown: a refusal that only means "has the permission" (GAIA_RE01,
 * CB_VA01 on the record…) must not end the whole check with a 502.
 */
export function readProbeAnswer(permission: Permission, answer: ProbeAnswer): ProbeResult | null {
  if (!answer.ok) {
    const kind = answer.failure.kind;
    if (kind === "unavailable" || kind === "rate_limited" || kind === "redirect") return null;
    if (kind === "auth" || kind === "guest_space" || answer.failure.kintoneCode === "GAIA_AP01") return null;
  }
  switch (permission) {
    case "view":
      return readView(answer);
    case "manage":
      return readManage(answer);
    case "edit":
      return readEdit(answer);
    case "add":
      return readAdd(answer);
  }
}

/**
 * readProbeAnswer as a gateway answers it: an answer that says nothing about the permission is thrown
 * (kintone down, a redirect, the token or app refused: the caller decides), any other is the result.
 */
export function probeResultOf(permission: Permission, answer: ProbeAnswer): ProbeResult {
  const result = readProbeAnswer(permission, answer);
  if (result === null && !answer.ok) throw answer.failure;
  return result ?? "granted_unverified";
}

/**
 * What the add probe's answer says of レコード編集, or null when it says nothing of it. Its [1] is the edit
 * probe's own request (the same PUT of a record that cannot exist, without `record`), and kintone reaches
 * it only once [0] has been carried out: a failure at [1] is read exactly as the edit probe's answer is,
 * so a token that may add needs no edit probe of its own (the settings checks: one request fewer per app).
 * A failure at [0], or of the bulkRequest as a whole, never reached [1]: the edit probe is sent then.
 */
export function readEditInAddAnswer(answer: ProbeAnswer): ProbeResult | null {
  if (answer.ok) return "granted"; // [1] succeeded: as the edit probe's own 200
  if (answer.bulkRequestIndex !== 1) return null;
  return readProbeAnswer("edit", { ok: false, failure: answer.failure });
}

function readView(answer: ProbeAnswer): ProbeResult | null {
  if (answer.ok) return "granted"; // records came back: documented to need レコード閲覧
  if (answer.failure.kind === "permission") return "missing"; // GAIA_NO01 (cli-kintone's end-to-end tests)
  // A GET of `limit 1` and `$id` has nothing else to refuse; whatever it is, it is not about the token's
  // permission, and the view probe's failures decide the app's reach: the caller rethrows.
  return null;
}

function readManage(answer: ProbeAnswer): ProbeResult {
  if (answer.ok) return "granted"; // the pre-live form: documented to need アプリ管理
  if (answer.failure.kind === "permission") return "missing"; // GAIA_NO01
  // Refused for another reason: nothing is known of the permission either way.
  return "granted_unverified";
}

function readEdit(answer: ProbeAnswer): ProbeResult {
  // Record 2147483647 existed after all: updated with nothing (documented to change no data), so allowed.
  if (answer.ok) return "granted";
  const { kind, kintoneCode } = answer.failure;
  if (kind === "permission") return "missing"; // GAIA_NO01: "Using this API token, you cannot run the specified API."
  // kintone looked for the record, so the token may run the API: its permissions are per app and per API
  // and are checked before the request's records (inferred, docs/kintone-probes.md "edit").
  if (kintoneCode === "GAIA_RE01") return "granted";
  // A refusal of the parameters (CB_VA01 on `id`…) may come before the permission check: unknown.
  return "granted_unverified";
}

function readAdd(answer: ProbeAnswer): ProbeResult {
  // Should never happen (the PUT of record 2147483647 cannot succeed); if it did, the add was made.
  if (answer.ok) return "granted";
  const { failure, bulkRequestIndex } = answer;
  // The PUT failed (RE01 with レコード編集, NO01 without it): it runs only after the add was carried out in
  // full, so the add was allowed; documented order and all-or-nothing, nothing inferred (kintone-probes.md).
  if (bulkRequestIndex !== undefined && bulkRequestIndex >= 1) return "granted";
  if (bulkRequestIndex === 0) {
    if (failure.kind === "permission") return "missing"; // GAIA_NO01 on the add itself
    // The empty record itself was refused: required fields (CB_VA01 on `record.<code>…`) or a lookup
    // (GAIA_LO04). kintone judged the record, so the token may run the API: inferred as for edit.
    if (failure.kintoneCode === "GAIA_LO04" || (failure.kind === "validation" && onRecordOnly(failure)))
      return "granted";
  }
  // The bulkRequest refused as a whole (no index), or a refusal of the add's parameters: unknown.
  return "granted_unverified";
}

/** A validation refusal whose every key is about the record's fields (`record.顧客名.value`, `record[数値].value`). */
function onRecordOnly(failure: KintoneFailure): boolean {
  const keys = Object.keys(failure.errors ?? {});
  return keys.length > 0 && keys.every((key) => /^record[.[]/.test(key));
}
