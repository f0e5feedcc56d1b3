import type { Permissions } from "../model/app.ts";
import type { Domain, DomainSettings } from "../model/domain.ts";
import type { LayoutItem } from "../model/form.ts";
import { atomically } from "../model/journal.ts";
import type { FieldProperties, FieldProperty } from "../model/kintone-types.ts";
import { addRecord, newScope, throwIfInvalid } from "../records/write.ts";

/**
 * A seed file: the domain's users and apps, their tokens and records. JSON, so a test or the demo can
 * keep one on disk; `--seed template` builds one in code.
 */
export interface SeedSpec {
  settings?: Partial<DomainSettings>;
  users?: SeedUser[];
  apps?: SeedApp[];
}

export interface SeedUser {
  code: string;
  name: string;
  email?: string;
  password?: string;
  twoFactor?: boolean;
}

export interface SeedApp {
  /** How the seed and its result name the app; a lookup elsewhere may point at it as `relatedApp.app: "@key"`. */
  key: string;
  name: string;
  code?: string;
  description?: string;
  guestSpaceId?: string | null;
  spaceId?: string | null;
  fields: FieldProperty[] | FieldProperties;
  layout?: LayoutItem[];
  tokens?: SeedToken[];
  /** Written as POST records.json would write them, with app-management rights (so 作成日時/更新日時 are kept). */
  records?: Array<Record<string, { value: unknown }>>;
  userPermissions?: Record<string, Permissions>;
}

export interface SeedToken {
  permissions?: Partial<Permissions>;
  deployed?: boolean;
}

export interface SeedResult {
  apps: Record<string, { appId: string; tokens: string[] }>;
  users: Array<{ code: string; name: string; email: string; password: string }>;
}

export function applySeed(domain: Domain, spec: SeedSpec): SeedResult {
  if (spec.settings) domain.settings = { ...domain.settings, ...spec.settings };
  const result: SeedResult = { apps: {}, users: [] };
  for (const u of spec.users ?? []) {
    const user = domain.createUser({ ...u, email: u.email ?? "", password: u.password ?? "" });
    result.users.push({ code: user.code, name: user.name, email: user.email, password: user.password });
  }
  for (const seedApp of spec.apps ?? []) {
    const properties = resolveAppRefs(toProperties(seedApp.fields), result);
    const app = domain.createApp({ ...seedApp, properties });
    const tokens = (seedApp.tokens ?? [{}]).map(
      (t) => domain.createToken(app.id, t.permissions, t.deployed ?? true).token,
    );
    result.apps[seedApp.key] = { appId: String(app.id), tokens };
    seedRecords(domain, app.id, seedApp.records ?? []);
  }
  return result;
}

/** Writes records in batches through the normal write path, so seeds obey unique, required and lookups. */
export function seedRecords(
  domain: Domain,
  appId: number,
  records: Array<Record<string, { value: unknown }>>,
): string[] {
  const app = domain.apps.get(appId);
  if (!app) throw new Error(`no app ${appId}`);
  const ids: string[] = [];
  const BATCH = 1000;
  for (let start = 0; start < records.length; start += BATCH) {
    atomically((journal) => {
      const scope = newScope(domain, app, { kind: "system" }, journal);
      records.slice(start, start + BATCH).forEach((record, i) => {
        const added = addRecord(scope, record, `records[${start + i}]`);
        if (added) ids.push(added.id);
      });
      throwIfInvalid(scope);
    });
  }
  return ids;
}

function toProperties(fields: FieldProperty[] | FieldProperties): FieldProperties {
  if (!Array.isArray(fields)) return fields;
  return Object.fromEntries(fields.map((f) => [f.code, f]));
}

function resolveAppRefs(properties: FieldProperties, result: SeedResult): FieldProperties {
  const out: FieldProperties = {};
  for (const [code, p] of Object.entries(properties)) {
    const ref = p.lookup?.relatedApp.app;
    if (p.lookup && ref?.startsWith("@")) {
      const target = result.apps[ref.slice(1)];
      if (!target)
        throw new Error(`lookup ${code} names app ${ref}, which the seed has not created before it`);
      out[code] = {
        ...p,
        lookup: { ...p.lookup, relatedApp: { ...p.lookup.relatedApp, app: target.appId } },
      };
    } else {
      out[code] = p;
    }
  }
  return out;
}
