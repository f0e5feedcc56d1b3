import { KintoneRestAPIError } from "@kintone/rest-api-client";
import { KintoneFailure, toKintoneFailure } from "./failure.ts";
import type {
  AppInfo,
  FieldProperties,
  KintoneGateway,
  KintoneRecordJson,
  Permission,
  ProbeResult,
} from "./gateway.ts";
import { type ProbeAnswer, probeResultOf, readEditInAddAnswer } from "./probes.ts";

/**
 * Test support only: a KintoneGateway that answers what the test told it and records what it was asked,
 * for service tests that need no HTTP (the emulator stays for the end-to-end tests). Modelled on the
 * official client's MockClient (answers given in advance, a log of the requests), one level up: it records
 * the gateway's calls in our words (method, app, query, fields, record), not HTTP paths.
 *
 * Where the real gateway (rest-gateway.ts) shapes an answer, this one does too, so a service sees what it
 * would see: failures are KintoneFailures made by `toKintoneFailure` from kintone's own error answer
 * (`kintoneError`), a records read keeps only the fields asked for, a probe's failure is read by
 * `readProbeAnswer`, and closing a cursor kintone no longer has is not a failure.
 */

/** One call the service made, as the gateway was asked it. */
export type GatewayCall =
  | { method: "app"; app: string }
  | { method: "formFields"; app: string; preview: boolean }
  | { method: "probe"; app: string; permission: Permission }
  | { method: "records"; app: string; query: string; fields: string[] | null }
  | { method: "count"; app: string; condition: string | null }
  | { method: "openCursor"; app: string; query: string; fields: string[] | null }
  | { method: "readCursor"; app: string; cursorId: string }
  | { method: "closeCursor"; app: string; cursorId: string }
  | { method: "addRecord"; app: string; record: NewRecord; withTokensOf: string[] }
  | { method: "maxId"; app: string; condition: string | null };

type NewRecord = Record<string, { value: unknown }>;
export type GatewayMethod = GatewayCall["method"];
export type CallOf<M extends GatewayMethod> = Extract<GatewayCall, { method: M }>;

/**
 * What each call answers with when it succeeds. A probe: what kintone's answer said of the permission, or
 * kintone's answer itself (the add probe's failure with its sub-request's index: `addProbeRefused`).
 */
export interface GatewayAnswers {
  app: AppInfo;
  formFields: FieldProperties;
  probe: ProbeResult | ProbeAnswer;
  records: KintoneRecordJson[];
  count: number;
  openCursor: string;
  readCursor: { records: KintoneRecordJson[]; next: boolean };
  closeCursor: undefined;
  addRecord: { id: string };
  maxId: number;
}

type Outcome<M extends GatewayMethod> = GatewayAnswers[M] | KintoneFailure;
/** An answer: the value, a failure to throw, or a function of the call giving either. */
export type Answer<M extends GatewayMethod> =
  | Outcome<M>
  | ((call: CallOf<M>) => Outcome<M> | Promise<Outcome<M>>);
/** Which calls an answer is for: those with these values (`{ app: "14" }`), or those the function accepts. */
export type Where<M extends GatewayMethod> = Partial<CallOf<M>> | ((call: CallOf<M>) => boolean);

interface Rule {
  matches(call: GatewayCall): boolean;
  answer: Answer<GatewayMethod>;
  once: boolean;
}

export class RecordingGateway implements KintoneGateway {
  /** Every call, in the order the service made them. */
  readonly calls: GatewayCall[] = [];
  private rules: Rule[] = [];
  private inFlight = 0;
  private peak = 0;

  constructor(readonly baseUrl = "https://example.cybozu.com") {}

  /**
   * Answers every later matching call of `method`. A later standing answer takes precedence over an
   * earlier one, so a test can give a default and then a particular app's answer.
   */
  answer<M extends GatewayMethod>(method: M, answer: Answer<M>, where?: Where<M>): this {
    return this.add(method, answer, where, false);
  }

  /** Answers the next matching call only; before any standing answer, in the order given. */
  answerOnce<M extends GatewayMethod>(method: M, answer: Answer<M>, where?: Where<M>): this {
    return this.add(method, answer, where, true);
  }

  /** The calls of one method, in order. */
  callsOf<M extends GatewayMethod>(method: M): CallOf<M>[] {
    return this.calls.filter((call): call is CallOf<M> => call.method === method);
  }

  app(appId: string) {
    return this.ask({ method: "app", app: appId });
  }

  formFields(appId: string, options: { preview?: boolean } = {}) {
    return this.ask({ method: "formFields", app: appId, preview: options.preview ?? false });
  }

  async probe(appId: string, permission: Permission): Promise<ProbeResult> {
    const given = await this.probeAnswer(appId, permission);
    // As the real gateway: kintone's answer read for what it says of the permission, else thrown.
    return typeof given === "string" ? given : probeResultOf(permission, given);
  }

  /** As the real gateway; a plain result given for the add probe tells nothing of edit (no wire answer). */
  async probeAddAndEdit(appId: string): Promise<{ add: ProbeResult; edit: ProbeResult | null }> {
    const given = await this.probeAnswer(appId, "add");
    if (typeof given === "string") return { add: given, edit: null };
    return { add: probeResultOf("add", given), edit: readEditInAddAnswer(given) };
  }

  private async probeAnswer(appId: string, permission: Permission): Promise<ProbeResult | ProbeAnswer> {
    try {
      return await this.ask({ method: "probe", app: appId, permission });
    } catch (error) {
      if (!(error instanceof KintoneFailure)) throw error;
      return { ok: false, failure: error };
    }
  }

  async records(
    appId: string,
    query: string,
    fields?: string[],
    sent?: () => void,
  ): Promise<KintoneRecordJson[]> {
    sent?.();
    const records = await this.ask({ method: "records", app: appId, query, fields: fields ?? null });
    return fields ? records.map((record) => only(record, fields)) : records;
  }

  count(appId: string, condition?: string) {
    return this.ask({ method: "count", app: appId, condition: condition ?? null });
  }

  openCursor(appId: string, query: string, fields?: string[]) {
    return this.ask({ method: "openCursor", app: appId, query, fields: fields ?? null });
  }

  readCursor(appId: string, cursorId: string) {
    return this.ask({ method: "readCursor", app: appId, cursorId });
  }

  async closeCursor(appId: string, cursorId: string): Promise<void> {
    try {
      await this.ask({ method: "closeCursor", app: appId, cursorId });
    } catch (error) {
      // Already gone is what was wanted (rest-gateway.ts).
      if (!(error instanceof KintoneFailure) || error.kind !== "not_found") throw error;
    }
  }

  addRecord(appId: string, record: NewRecord, withTokensOf: string[] = []) {
    return this.ask({ method: "addRecord", app: appId, record, withTokensOf });
  }

  maxId(appId: string, condition?: string) {
    return this.ask({ method: "maxId", app: appId, condition: condition ?? null });
  }

  stats() {
    return { requests: this.calls.length, peakConcurrent: this.peak };
  }

  private add<M extends GatewayMethod>(
    method: M,
    answer: Answer<M>,
    where: Where<M> | undefined,
    once: boolean,
  ) {
    const rule: Rule = {
      matches: (call) => call.method === method && matches(call as CallOf<M>, where),
      answer: answer as Answer<GatewayMethod>,
      once,
    };
    // Once-answers are taken first and in order; standing ones newest first.
    if (once) this.rules.splice(this.rules.filter((r) => r.once).length, 0, rule);
    else this.rules.push(rule);
    return this;
  }

  private async ask<M extends GatewayMethod>(call: CallOf<M>): Promise<GatewayAnswers[M]> {
    // A copy: what the service hands over may change after the call, the log must not.
    this.calls.push(structuredClone(call));
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    try {
      // An answer comes back on a later turn, as over HTTP: calls made side by side are in flight together.
      await Promise.resolve();
      const outcome = await this.outcome(call);
      if (outcome instanceof KintoneFailure) throw outcome;
      return outcome;
    } finally {
      this.inFlight--;
    }
  }

  private outcome<M extends GatewayMethod>(call: CallOf<M>): Outcome<M> | Promise<Outcome<M>> {
    const once = this.rules.findIndex((r) => r.once && r.matches(call));
    const standing = this.rules.findLast((r) => !r.once && r.matches(call));
    const rule = once >= 0 ? this.rules.splice(once, 1)[0] : standing;
    if (!rule) throw new Error(`kintone was asked ${shown(call)}, and the test gave no answer for it`);
    const answer = rule.answer as Answer<M>;
    return typeof answer === "function" ? answer(call) : answer;
  }
}

function matches<M extends GatewayMethod>(call: CallOf<M>, where: Where<M> | undefined): boolean {
  if (where === undefined) return true;
  if (typeof where === "function") return where(call);
  const values: Record<string, unknown> = call;
  return Object.entries(where).every(([key, value]) => JSON.stringify(values[key]) === JSON.stringify(value));
}

function shown(call: GatewayCall): string {
  const { method, ...rest } = call;
  return `${method}(${JSON.stringify(rest)})`;
}

/** kintone answers only the fields asked for (`$id` included only when asked). */
function only(record: KintoneRecordJson, fields: string[]): KintoneRecordJson {
  return Object.fromEntries(Object.entries(record).filter(([code]) => fields.includes(code)));
}

/**
 * kintone's statuses for its codes (as the emulator answers them, emulator/src/errors/catalogue.ts), so a
 * failure made here has the status the real one would.
 */
const STATUS_BY_CODE: Record<string, number> = {
  CB_AU01: 401,
  CB_WA01: 401,
  CB_TW02: 401,
  GAIA_IA02: 400,
  GAIA_IA03: 400,
  GAIA_NO01: 403,
  CB_NO02: 403,
  GAIA_AP01: 404,
  GAIA_RE01: 404,
  GAIA_CN01: 404,
  GAIA_IL23: 400,
  GAIA_CO02: 409,
  GAIA_LO04: 400,
  GAIA_TO04: 429,
  GAIA_TM12: 429,
  CB_VA01: 400,
};

/**
 * The failure the real gateway makes of kintone's error answer with this code: `toKintoneFailure` of the
 * official client's KintoneRestAPIError, so its kind is the one the services decide on in production.
 */
export function kintoneError(
  code: string,
  options: { status?: number; errors?: Record<string, { messages: string[] }>; message?: string } = {},
): KintoneFailure {
  const status = options.status ?? STATUS_BY_CODE[code];
  if (status === undefined) throw new Error(`kintoneError: give the status of ${code}`);
  return toKintoneFailure(
    new KintoneRestAPIError({
      data: {
        id: "fake",
        code,
        message: options.message ?? code,
        ...(options.errors ? { errors: options.errors } : {}),
      },
      status,
      statusText: "",
      headers: {},
    }),
  );
}

/**
 * The add probe's bulkRequest refused at sub-request `index` (0: the add itself, 1: the PUT after it), as
 * the real gateway keeps it from the client's error.
 */
export function addProbeRefused(failure: KintoneFailure, index: number): ProbeAnswer {
  return { ok: false, failure, bulkRequestIndex: index };
}

/** An answer that is not kintone's JSON (a maintenance page, a 3xx): what the client throws for it, translated. */
export function httpFailure(status: number, statusText = "Service Unavailable"): KintoneFailure {
  return toKintoneFailure(new Error(`${status}: ${statusText}`));
}

/** No answer at all (connection refused, reset, timeout). */
export function networkFailure(code = "ECONNREFUSED"): KintoneFailure {
  return toKintoneFailure(Object.assign(new Error(`connect ${code}`), { code }));
}

/**
 * A record as kintone's records.json has it: `$id` and text fields by code. `types` gives a field's type
 * where it matters (the default is SINGLE_LINE_TEXT).
 */
export function recordJson(
  id: string | number,
  values: Record<string, unknown> = {},
  types: Record<string, string> = {},
): KintoneRecordJson {
  const record: KintoneRecordJson = { $id: { type: "__ID__", value: String(id) } };
  for (const [code, value] of Object.entries(values))
    record[code] = { type: types[code] ?? "SINGLE_LINE_TEXT", value };
  return record;
}
