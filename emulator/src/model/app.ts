import type { Clock } from "./clock.ts";
import { completeProperty, defaultLayout, findCodeOfType, type LayoutItem, uniqueCodes } from "./form.ts";
import type { FieldProperties, KintoneRecord, UserEntity } from "./kintone-types.ts";
import { RecordTable } from "./record-table.ts";

export interface FormState {
  properties: FieldProperties;
  layout: LayoutItem[];
  revision: number;
}

export interface Permissions {
  view: boolean;
  add: boolean;
  edit: boolean;
  delete: boolean;
  manage: boolean;
}

export const ALL_PERMISSIONS: Permissions = { view: true, add: true, edit: true, delete: true, manage: true };

export interface AppInit {
  id: number;
  name: string;
  code?: string;
  description?: string;
  spaceId?: string | null;
  threadId?: string | null;
  /** Set for an app inside a guest space: it must be called through /k/guest/{space}/v1/. */
  guestSpaceId?: string | null;
  properties: FieldProperties;
  layout?: LayoutItem[];
  /** Per-user record permissions; users not listed have every permission. */
  userPermissions?: Record<string, Permissions>;
}

/** One kintone app: its live and pre-live (preview) form, its records and its metadata. */
export class AppState {
  readonly id: number;
  name: string;
  code: string;
  description: string;
  spaceId: string | null;
  threadId: string | null;
  guestSpaceId: string | null;
  readonly createdAt: string;
  modifiedAt: string;
  readonly creator: UserEntity = { code: "Administrator", name: "Administrator" };
  modifier: UserEntity = { code: "Administrator", name: "Administrator" };
  live: FormState;
  preview: FormState;
  readonly records: RecordTable;
  userPermissions: Map<string, Permissions>;

  constructor(init: AppInit, clock: Clock) {
    this.id = init.id;
    this.name = init.name;
    this.code = init.code ?? "";
    this.description = init.description ?? "";
    this.spaceId = init.spaceId ?? init.guestSpaceId ?? null;
    this.threadId = init.threadId ?? null;
    this.guestSpaceId = init.guestSpaceId ?? null;
    this.createdAt = clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, ".000Z");
    this.modifiedAt = this.createdAt;
    const properties = completeAll(init.properties);
    this.live = { properties, layout: init.layout ?? defaultLayout(properties), revision: 1 };
    this.preview = structuredClone(this.live);
    this.records = new RecordTable(uniqueCodes(properties));
    this.userPermissions = new Map(Object.entries(init.userPermissions ?? {}));
  }

  get recordNumberCode(): string | undefined {
    return findCodeOfType(this.live.properties, "RECORD_NUMBER");
  }

  /** RECORD_NUMBER reads `CODE-12` when the app has an app code, else `12` (facts §2). */
  recordNumberFor(id: number): string {
    return this.code ? `${this.code}-${id}` : String(id);
  }

  /** Resolves a record number (`12` or `CODE-12`) to the record, as a lookup keyed on it does. */
  findByRecordNumber(recordNumber: string): KintoneRecord | undefined {
    const match = /^(?:(.+)-)?(\d+)$/.exec(recordNumber.trim());
    if (!match) return undefined;
    if ((match[1] ?? "") !== this.code) return undefined;
    return this.records.get(Number(match[2]));
  }

  /** Makes a form the live one ("アプリを更新"), bringing every stored record in line with it. */
  deploy(form: FormState, migrate: (record: KintoneRecord) => KintoneRecord): void {
    this.live = { ...structuredClone(form), revision: this.live.revision + 1 };
    this.preview = structuredClone(this.live);
    this.records.rewriteAll(migrate);
    this.records.reindex(uniqueCodes(this.live.properties));
  }

  /** Replaces the pre-live form only: the state between editing the form and pressing "アプリを更新". */
  setPreview(properties: FieldProperties, layout?: LayoutItem[]): void {
    const complete = completeAll(properties);
    this.preview = {
      properties: complete,
      layout: layout ?? defaultLayout(complete),
      revision: this.preview.revision + 1,
    };
  }
}

export function completeAll(properties: FieldProperties): FieldProperties {
  const out: FieldProperties = {};
  for (const [code, p] of Object.entries(properties)) out[code] = completeProperty({ ...p, code });
  return out;
}
