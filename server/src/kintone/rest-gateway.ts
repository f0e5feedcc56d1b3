import { KintoneRestAPIClient, KintoneRestAPIError } from "@kintone/rest-api-client";
import { DomainError } from "../domain-error.ts";
import { toKintoneFailure } from "./failure.ts";
import type {
  AppInfo,
  FieldProperties,
  KintoneGateway,
  KintoneRecordJson,
  Permission,
  ProbeResult,
} from "./gateway.ts";
import { MAX_CONCURRENT_PER_TENANT, READ_LIMIT } from "./gateway.ts";
import { Limiter, type RequestLimiter } from "./limiter.ts";
import { refuseRedirects } from "./no-redirects.ts";
import { isAllowedOrigin, type OriginPattern } from "./origins.ts";
import { plainGet } from "./plain-get.ts";
import {
  addProbeRequests,
  NO_SUCH_RECORD,
  type ProbeAnswer,
  probeResultOf,
  readEditInAddAnswer,
} from "./probes.ts";
import { type BackoffPolicy, DEFAULT_BACKOFF, realSleep, type Sleep, withRetry } from "./retry.ts";
import { WriteBatcher } from "./write-batcher.ts";

export interface RestGatewayOptions {
  baseUrl: string;
  /** API token per app id. */
  tokens: Record<string, string>;
  allowedOrigins: OriginPattern[];
  /**
   * Where the tenant's concurrency limit is kept: one per tenant, shared by every gateway of it and, with
   * several processes, across them (services/cluster/kintone-slots.ts). Else a limit of this gateway's own.
   */
  limiter?: RequestLimiter;
  concurrency?: number;
  backoff?: BackoffPolicy;
  sleep?: Sleep;
  /** Called once per HTTP request made (retries included), for the per-app daily count and metrics. */
  onRequest?: (appId: string, outcome: "ok" | "error", status: number | null) => void;
}

/** Settings saved under KINTONE_ALLOWED_ORIGINS that the operator has since narrowed: nothing is sent. */
export class OriginNotAllowedError extends DomainError {
  readonly code = "KINTONE_ORIGIN_NOT_ALLOWED";
  readonly httpStatus = 422;

  /** `url`: the refused kintone address, named in the answer. */
  constructor(readonly url = "") {
    super("the kintone base URL is not among the allowed origins");
    this.name = "OriginNotAllowedError";
  }

  override params() {
    return { url: this.url };
  }
}

/** The real gateway, over the official @kintone/rest-api-client: one client per token set, created lazily. */
export function createRestGateway(options: RestGatewayOptions): KintoneGateway {
  // Checked here, below every caller, so no code path can reach a host the operator did not allow.
  if (!isAllowedOrigin(options.baseUrl, options.allowedOrigins))
    throw new OriginNotAllowedError(options.baseUrl);
  const baseUrl = options.baseUrl.replace(/\/$/, "");
  const limiter = options.limiter ?? new Limiter(options.concurrency ?? MAX_CONCURRENT_PER_TENANT);
  const clients = new Map<string, KintoneRestAPIClient>();
  let requests = 0;

  function client(appIds: string[]): KintoneRestAPIClient {
    const tokens = appIds.map((id) => {
      const token = options.tokens[id];
      if (!token) throw new Error(`no API token configured for app ${id}`);
      return token;
    });
    const key = appIds.join(",");
    let c = clients.get(key);
    if (!c) {
      c = new KintoneRestAPIClient({ baseUrl, auth: { apiToken: tokens }, userAgent: "front-agent-kintone" });
      // The origin check above holds for the first hop only; a followed redirect would take the tokens along.
      refuseRedirects(c);
      clients.set(key, c);
    }
    return c;
  }

  /** One kintone request: limited, counted, retried on 429/503/network errors, failures translated. */
  function call<T>(
    appId: string,
    work: (c: KintoneRestAPIClient) => Promise<T>,
    tokenApps: string[] = [appId],
  ): Promise<T> {
    return withRetry(
      () => callOnce(appId, work, tokenApps),
      (error) => toKintoneFailure(error).retryable,
      options.backoff ?? DEFAULT_BACKOFF,
      options.sleep ?? realSleep,
    );
  }

  /** A request that must not be retried blindly (a non-idempotent write): limited, counted, translated. */
  function callOnce<T>(
    appId: string,
    work: (c: KintoneRestAPIClient) => Promise<T>,
    tokenApps: string[],
  ): Promise<T> {
    return limiter.run(async () => {
      requests++;
      try {
        const result = await work(client(tokenApps));
        options.onRequest?.(appId, "ok", 200);
        return result;
      } catch (error) {
        const failure = toKintoneFailure(error);
        options.onRequest?.(appId, "error", failure.status);
        throw failure;
      }
    });
  }

  type NewRecord = Record<string, { value: unknown }>;
  // Adds are never retried blindly: a lost answer would write the record twice. Callers make them
  // idempotent (a unique event id, a look-up before a retry).
  const adds = new WriteBatcher<NewRecord, { id: string }>({
    async many(appId, tokenApps, records) {
      const result = await callOnce(appId, (c) => c.record.addRecords({ app: appId, records }), tokenApps);
      return result.ids.map((id) => ({ id }));
    },
    async one(appId, tokenApps, record) {
      const result = await callOnce(appId, (c) => c.record.addRecord({ app: appId, record }), tokenApps);
      return { id: result.id };
    },
    perRecord: (error) => {
      const kind = toKintoneFailure(error).kind;
      return kind === "validation" || kind === "lookup";
    },
  });

  /** One probe request (probes.ts): its answer, kept whole, including a failed bulkRequest's index. */
  async function askProbe(appId: string, permission: Permission): Promise<ProbeAnswer> {
    let bulkRequestIndex: number | undefined;
    try {
      await call(appId, async (c) => {
        switch (permission) {
          case "view":
            return c.record.getRecords({ app: appId, query: "limit 1", fields: ["$id"] });
          case "manage":
            return c.app.getFormFields({ app: appId, preview: true });
          case "edit":
            return c.record.updateRecord({ app: appId, id: NO_SUCH_RECORD });
          case "add":
            bulkRequestIndex = undefined; // per attempt: a retried request answers afresh
            try {
              return await c.bulkRequest({ requests: addProbeRequests(appId) });
            } catch (error) {
              // The failing sub-request's index is what the add probe is read by; KintoneFailure drops it.
              if (error instanceof KintoneRestAPIError) bulkRequestIndex = error.bulkRequestIndex;
              throw error;
            }
        }
      });
      return { ok: true };
    } catch (error) {
      return { ok: false, failure: toKintoneFailure(error), bulkRequestIndex };
    }
  }

  async function maxId(appId: string, condition: string | undefined): Promise<number> {
    const where = condition ? `${condition} ` : "";
    const page = await call(appId, (c) =>
      c.record.getRecords({
        app: appId,
        query: `${where}order by $id desc limit 1`,
        fields: ["$id"],
      }),
    );
    const value = page.records[0]?.$id?.value;
    return value === undefined ? 0 : Number(value);
  }

  return {
    baseUrl,
    async app(appId: string): Promise<AppInfo> {
      const app = await call(appId, (c) => c.app.getApp({ id: appId }));
      return { appId: app.appId, name: app.name, spaceId: app.spaceId ?? null };
    },
    async formFields(appId, opts = {}): Promise<FieldProperties> {
      const res = await call(appId, (c) =>
        c.app.getFormFields({ app: appId, preview: opts.preview ?? false }),
      );
      return res.properties;
    },
    async probe(appId: string, permission: Permission): Promise<ProbeResult> {
      return probeResultOf(permission, await askProbe(appId, permission));
    },
    async probeAddAndEdit(appId: string) {
      const answer = await askProbe(appId, "add");
      return { add: probeResultOf("add", answer), edit: readEditInAddAnswer(answer) };
    },
    async records(appId, query, fields, sent) {
      const params = { app: appId, query, ...(fields ? { fields } : {}) };
      let told = false;
      const tell = () => {
        if (told) return;
        told = true;
        sent?.();
      };
      try {
        // The import's pages: read past axios where that reproduces the client exactly (plain-get.ts).
        const page = await call(appId, async (c) => {
          const plain = await plainGet<{ records: KintoneRecordJson[] }>(
            c,
            "/k/v1/records.json",
            params,
            tell,
          );
          if (plain !== null) return plain;
          tell(); // the client's request: when it leaves is not seen
          return c.record.getRecords(params);
        });
        return page.records;
      } finally {
        tell();
      }
    },
    async count(appId, condition) {
      const page = await call(appId, (c) =>
        c.record.getRecords({
          app: appId,
          query: `${condition ?? ""} limit 1`.trim(),
          fields: ["$id"],
          totalCount: true,
        }),
      );
      return Number(page.totalCount ?? 0);
    },
    async openCursor(appId, query, fields) {
      const cursor = await call(appId, (c) =>
        c.record.createCursor({ app: appId, query, size: READ_LIMIT, ...(fields ? { fields } : {}) }),
      );
      return cursor.id;
    },
    async readCursor(appId, cursorId) {
      const page = await call(appId, (c) => c.record.getRecordsByCursor({ id: cursorId }));
      return { records: page.records, next: page.next };
    },
    async closeCursor(appId, cursorId) {
      try {
        await call(appId, (c) => c.record.deleteCursor({ id: cursorId }));
      } catch (error) {
        // Already gone (read to the end or expired) is what we wanted.
        if (toKintoneFailure(error).kind !== "not_found") throw error;
      }
    },
    addRecord(appId, record, withTokensOf = []) {
      return adds.write(appId, [appId, ...withTokensOf], record);
    },
    maxId,
    stats: () => ({ requests, peakConcurrent: limiter.peak }),
  };
}
