import {
  type CustomerFields,
  type LadderCandidate,
  normalizeCompany,
  normalizeEmail,
  normalizePhone,
  quote,
  splitPersonName,
} from "@front-agent/shared";
import type { KintoneGateway } from "../kintone/gateway.ts";
import { indexKeys } from "../storage/candidate-index.ts";
import type { Storage } from "../storage/index.ts";
import { indexed, refreshCandidateIndex } from "./candidate-index.ts";
import { customerCandidate, matchFieldsToRead } from "./customer-records.ts";
import type { ResolvedSettings } from "./settings.ts";

export interface CandidateDeps {
  storage: Storage;
  gateway: KintoneGateway;
  settings: ResolvedSettings;
  now(): Date;
  /** A job was queued (the index's build). */
  onQueued(): void;
}

export interface Wanted {
  name: string;
  company: string;
  email?: string;
  phone?: string;
}

export interface Gathered {
  candidates: LadderCandidate[];
  /** Record ids kintone itself answered just now (the rest came from the index, which may be behind). */
  fromKintone: Set<string>;
  /** `missing` while the index's first build has not finished: only kintone's exact answers are in. */
  index: "missing" | "fresh" | "refreshed";
}

/** The legal forms a company is most often written with in a kintone app (half- and full-width). */
const FORMS = [
  "株式会社{}",
  "{}株式会社",
  "(株){}",
  "{}(株)",
  "（株）{}",
  "㈱{}",
  "有限会社{}",
  "{}有限会社",
  "(有){}",
  "{}合同会社",
];

/**
 * The one candidate source of the matching ladder (export, auto-registration) and CRM候補検索
 * (docs/matching.md): every record of the customer app that could be the customer.
 *
 * - kintone, asked now: exact `in` over the common spellings of the name and the company, and e-mail and
 *   phone. kintone compares exactly and its `like` is a word search, so this alone misses 「新規 顧客」 for
 *   「新規顧客」.
 * - the candidate index of the whole app (every record, not only those the import took), brought up to date
 *   first: records whose normalized name or company equals the customer's; with `partial`, also those that
 *   contain it (CRM候補検索's partial matches).
 */
export async function gatherCandidates(
  deps: CandidateDeps,
  tenantId: string,
  wanted: Wanted,
  options: { partial: boolean; maxIndexAgeMs?: number },
): Promise<Gathered> {
  const { storage, gateway, settings } = deps;
  const app = settings.customerApp;
  const byRecord = new Map<string, LadderCandidate>();
  const fromKintone = new Set<string>();

  const terms = exactTerms(app.fields, wanted);
  if (terms.length > 0) {
    const records = await gateway.records(
      app.appId,
      `(${terms.join(") or (")}) order by $id desc limit 500`,
      matchFieldsToRead(app.fields),
    );
    for (const r of records) {
      const candidate = customerCandidate(r, app.fields);
      byRecord.set(candidate.recordId, candidate);
      fromKintone.add(candidate.recordId);
    }
  }

  const index = await refreshCandidateIndex(deps, tenantId, options.maxIndexAgeMs);
  if (index !== "missing") {
    const add = (rows: Array<{ recordId: string; recordNumber: string; name: string; company: string }>) => {
      for (const r of rows)
        if (!byRecord.has(r.recordId)) byRecord.set(r.recordId, { ...r, email: "", phone: "" });
    };
    const asName = [indexKeys(wanted.name, wanted.name), indexKeys(wanted.company, wanted.company)];
    add(
      await storage.candidateIndex.findByKeys(
        tenantId,
        app.appId,
        { nameKeys: asName.map((k) => k.nameKey), companyKeys: asName.map((k) => k.companyKey) },
        500,
      ),
    );
    if (options.partial) {
      const needles = [wanted.name.trim(), companyCore(wanted.company)].filter((n) => n !== "");
      add(await storage.candidateIndex.search(tenantId, app.appId, needles, 500));
    }
  }
  return { candidates: [...byRecord.values()], fromKintone, index };
}

/**
 * Reads the given records from kintone again: a match found only in the index is confirmed before it is
 * used, since a record deleted or renamed in kintone stays in the index until its next refresh or build.
 * The index learns what was read and forgets what is gone.
 */
export async function confirmCandidates(
  deps: CandidateDeps,
  tenantId: string,
  recordIds: readonly string[],
): Promise<LadderCandidate[]> {
  const app = deps.settings.customerApp;
  if (recordIds.length === 0) return [];
  const records = await deps.gateway.records(
    app.appId,
    `$id in (${recordIds.map(Number).join(", ")}) limit 500`,
    matchFieldsToRead(app.fields),
  );
  const state = await deps.storage.candidateIndex.state(tenantId, app.appId);
  if (state) await deps.storage.candidateIndex.put(tenantId, app.appId, indexed(records, app), state.buildId);
  const seen = new Set(records.map((r) => String(r.$id?.value ?? "")));
  await deps.storage.candidateIndex.remove(
    tenantId,
    app.appId,
    recordIds.filter((id) => !seen.has(id)),
  );
  return records.map((r) => customerCandidate(r, app.fields));
}

/** Adds a record the backend just registered to the index, so the next export sees it at once. */
export async function indexRegistered(deps: CandidateDeps, tenantId: string, record: LadderCandidate) {
  const app = deps.settings.customerApp;
  const state = await deps.storage.candidateIndex.state(tenantId, app.appId);
  if (state) await deps.storage.candidateIndex.put(tenantId, app.appId, [record], state.buildId);
}

function exactTerms(fields: CustomerFields, wanted: Wanted): string[] {
  const terms: string[] = [];
  const name = wanted.name.trim();
  const company = wanted.company.trim();
  // A company-only customer is kept with the company as its name too (SPEC I3).
  const names = spellings([name, company]);
  if (fields.name && names.length > 0) terms.push(`${fields.name} in (${names.map(quote).join(", ")})`);
  if (!fields.name && fields.lastName) {
    const lastNames = spellings([name, company].map((n) => splitPersonName(n).lastName));
    if (lastNames.length > 0) terms.push(`${fields.lastName} in (${lastNames.map(quote).join(", ")})`);
  }
  const core = companyCore(company);
  const companies = variants([
    company,
    company.normalize("NFKC"),
    core,
    ...(core ? FORMS.map((form) => form.replace("{}", core)) : []),
    ...(company ? [] : spellings([name])),
  ]);
  if (fields.company && companies.length > 0)
    terms.push(`${fields.company} in (${companies.map(quote).join(", ")})`);
  // As held (kintone compares exactly); the ladder compares them normalized.
  const email = (wanted.email ?? "").trim();
  const phone = (wanted.phone ?? "").trim();
  if (fields.email && normalizeEmail(email) !== "") terms.push(`${fields.email} = ${quote(email)}`);
  if (fields.phone && phone && normalizePhone(phone) !== "") terms.push(`${fields.phone} = ${quote(phone)}`);
  return terms;
}

/** A name as people type it: as given, NFKC, without spaces, with one half-width or ideographic space. */
function spellings(values: string[]): string[] {
  return variants(
    values.flatMap((v) => {
      const plain = v.normalize("NFKC").trim();
      return [
        v,
        plain,
        plain.replace(/\s+/gu, ""),
        plain.replace(/\s+/gu, " "),
        plain.replace(/\s+/gu, "\u3000"),
      ];
    }),
  );
}

/** The company without its legal form, in its own case (kintone's `in` compares exactly). */
export function companyCore(company: string): string {
  const normalized = company.normalize("NFKC").trim();
  const lowered = normalizeCompany(normalized);
  const at = normalized.toLowerCase().indexOf(lowered);
  return at >= 0 && lowered ? normalized.slice(at, at + lowered.length) : normalized;
}

function variants(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];
}
