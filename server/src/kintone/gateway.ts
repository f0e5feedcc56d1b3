import {
  type Form,
  type FormField,
  type KintoneRecord,
  MAX_RECORDS_PER_READ,
  type ProbeResult,
} from "@front-agent/shared";

/**
 * The live form as kintone's form/fields.json has it: shared's Form, the one the settings checks judge,
 * so the gateway's answer goes to them as it is.
 */
export type FieldProperties = Form;
export type FieldProperty = FormField;

/** A record as kintone's records.json has it: shared's KintoneRecord, which the import rules read. */
export type KintoneRecordJson = KintoneRecord;

export interface AppInfo {
  appId: string;
  name: string;
  spaceId: string | null;
}

export type Permission = "view" | "add" | "edit" | "manage";

/** A permission probe's answer: granted, refused, or not told by kintone's answer (probes.ts). */
export type { ProbeResult };

/**
 * Everything the backend asks of kintone, in our words. One gateway per tenant (never a module
 * singleton): it owns that tenant's tokens, its concurrency limit and its request count.
 */
export interface KintoneGateway {
  readonly baseUrl: string;
  app(appId: string): Promise<AppInfo>;
  formFields(appId: string, options?: { preview?: boolean }): Promise<FieldProperties>;
  probe(appId: string, permission: Permission): Promise<ProbeResult>;
  /**
   * The add probe, read also for レコード編集 (probes.ts `readEditInAddAnswer`): `edit` is null when its
   * answer does not tell (the add was refused), and the edit probe is then the caller's to send.
   */
  probeAddAndEdit(appId: string): Promise<{ add: ProbeResult; edit: ProbeResult | null }>;
  /**
   * One GET records.json: at most 500 records. `sent` is called once the request has left for kintone
   * (written to its connection, a new one connected first), or when it ends without that.
   */
  records(appId: string, query: string, fields?: string[], sent?: () => void): Promise<KintoneRecordJson[]>;
  /** How many records match (one request with totalCount; kintone says it is slow, so only once per run). */
  count(appId: string, condition?: string): Promise<number>;
  /**
   * A cursor over the query's records in its order (kintone allows 10 per domain: always close it), each
   * record with only `fields` when given.
   */
  openCursor(appId: string, query: string, fields?: string[]): Promise<string>;
  readCursor(appId: string, cursorId: string): Promise<{ records: KintoneRecordJson[]; next: boolean }>;
  closeCursor(appId: string, cursorId: string): Promise<void>;
  /**
   * Adds one record (POST; adds asked for together go as one POST records.json). The only write the
   * backend makes: it never updates a kintone record (SPEC E3). `withTokensOf` adds other apps' tokens to
   * the request: writing a lookup needs a token of the lookup's source app in the same header (facts §7).
   * Never retried: a lost answer may have added the record, so callers look before trying again.
   */
  addRecord(
    appId: string,
    record: Record<string, { value: unknown }>,
    withTokensOf?: string[],
  ): Promise<{ id: string }>;
  /** Highest `$id` matching the condition, or 0. */
  maxId(appId: string, condition?: string): Promise<number>;
  /** Requests made so far and the most that were ever in flight at once. */
  stats(): { requests: number; peakConcurrent: number };
}

/**
 * kintone's limits (facts §4), owned here so no caller repeats them. The read limit is shared's, which the
 * query builders check (seekQuery, topQuery): one number for both.
 */
export const READ_LIMIT = MAX_RECORDS_PER_READ;
export const WRITE_LIMIT = 100;
export const MAX_CONCURRENT_PER_TENANT = 4;
