import { normalizeCompany, quote, rankCandidates } from "@front-agent/shared";
import type { KintoneGateway } from "../kintone/gateway.ts";
import type { Storage } from "../storage/index.ts";
import { refreshCandidateIndex } from "./candidate-index.ts";
import { candidateFieldsToRead, customerCandidate } from "./customer-records.ts";
import type { ResolvedSettings } from "./settings.ts";

export interface SearchDeps {
  storage: Storage;
  gateway: KintoneGateway;
  settings: ResolvedSettings;
  now(): Date;
  /** A job was queued (the index's build). */
  onQueued(): void;
}

export interface CandidateQuery {
  name: string;
  company: string;
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
 * CRM候補検索 (SPEC L1): candidates from the whole customer app, best first. kintone's `like` is a word
 * search ("サンプル" does not find "サンプル商事"), so kintone is asked for exact matches on every common
 * spelling of the name and the company, with `like` on the company's core only as a supplement; the
 * candidate index of the whole app (brought up to date first) adds the partial matches; the shared
 * ranking orders them all.
 */
export async function searchCandidates(
  deps: SearchDeps,
  tenantId: string,
  query: CandidateQuery,
  limit = 20,
) {
  const { storage, gateway, settings } = deps;
  const app = settings.customerApp;
  const f = app.fields;
  const name = query.name.trim();
  const company = query.company.trim();
  if (!name && !company) return [];
  const byRecord = new Map<
    string,
    { recordId: string; recordNumber: string; name: string; company: string }
  >();

  const terms: string[] = [];
  const names = variants([
    name,
    name.normalize("NFKC"),
    name.replace(/[\s\u3000]+/g, ""),
    name.replace(/[\s\u3000]+/g, " "),
  ]);
  const core = company ? coreOf(company) : "";
  const companies = variants([
    company,
    company.normalize("NFKC"),
    core,
    ...FORMS.map((form) => form.replace("{}", core)),
  ]);
  if (f.name && names.length > 0) terms.push(`${f.name} in (${names.map(quote).join(", ")})`);
  if (f.company && companies.length > 0) terms.push(`${f.company} in (${companies.map(quote).join(", ")})`);
  if (f.company && core.length >= 2) terms.push(`${f.company} like ${quote(core)}`);
  if (terms.length > 0) {
    const fields = candidateFieldsToRead(f);
    const records = await gateway.records(
      app.appId,
      `(${terms.join(") or (")}) order by $id desc limit 500`,
      fields,
    );
    for (const r of records) {
      const { email: _email, phone: _phone, ...candidate } = customerCandidate(r, f);
      byRecord.set(candidate.recordId, candidate);
    }
  }
  const index = await refreshCandidateIndex(deps, tenantId);
  if (index !== "missing") {
    // Partial matches from the index of the whole customer app (SPEC L1).
    for (const r of await storage.candidateIndex.search(tenantId, app.appId, variants([name, core]), 500)) {
      if (!byRecord.has(r.recordId)) byRecord.set(r.recordId, r);
    }
  } else {
    // The first build is still running: partial matches among the imported customers meanwhile.
    for (const q of variants([core, name])) {
      if (q.length < 2) continue;
      const page = await storage.customers.list(tenantId, { q, limit: 200 });
      for (const c of page.customers) {
        if (c.kintone && c.kintone.appId === app.appId && !byRecord.has(c.kintone.recordId)) {
          byRecord.set(c.kintone.recordId, {
            recordId: c.kintone.recordId,
            recordNumber: c.kintone.recordNumber,
            name: c.name,
            company: c.company,
          });
        }
      }
    }
  }
  return rankCandidates({ name, company }, [...byRecord.values()], limit);
}

/** The company without its legal form, in its own case (kintone's `in` compares exactly). */
function coreOf(company: string): string {
  const normalized = company.normalize("NFKC");
  const lowered = normalizeCompany(normalized);
  const at = normalized.toLowerCase().indexOf(lowered);
  return at >= 0 && lowered ? normalized.slice(at, at + lowered.length) : normalized;
}

function variants(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];
}
