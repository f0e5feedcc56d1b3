import type { SeedSpec } from "../control/seed.ts";
import type { FieldProperty } from "../model/kintone-types.ts";
import { sampleCustomers, sampleUsers } from "./samples.ts";

export interface TemplateOptions {
  /** Sample customer records (default 300). */
  customers?: number;
  /** PRNG seed: the same seed gives the same data. */
  seed?: number;
  /** The instant update times are spread back from (ISO); default now. */
  now?: string;
  /** Days over which update times are spread (default 120, so a 60-day first import sees about half). */
  spreadDays?: number;
}

/** 顧客管理(Front Agent): the template's customer app, 顧客名 unique as the setup guide requires. */
export const CUSTOMER_FIELDS: FieldProperty[] = [
  { type: "SINGLE_LINE_TEXT", code: "顧客名", label: "顧客名", unique: true },
  { type: "SINGLE_LINE_TEXT", code: "会社名", label: "会社名" },
  { type: "SINGLE_LINE_TEXT", code: "部署名", label: "部署名" },
  { type: "LINK", code: "メールアドレス", label: "メールアドレス", protocol: "MAIL" },
  { type: "LINK", code: "電話番号", label: "電話番号", protocol: "CALL" },
  { type: "SINGLE_LINE_TEXT", code: "住所", label: "住所" },
];

/**
 * 活動履歴(Front Agent): the lookup 顧客レコード番号 keyed on the customer app's レコード番号 copies
 * 顧客名 and 会社名, as the template does; FrontAgentイベントID is unique for exactly-once writes.
 */
export const ACTIVITY_FIELDS: FieldProperty[] = [
  {
    type: "NUMBER",
    code: "顧客レコード番号",
    label: "顧客レコード番号",
    lookup: {
      relatedApp: { app: "@customer", code: "" },
      relatedKeyField: "レコード番号",
      fieldMappings: [
        { field: "顧客名", relatedField: "顧客名" },
        { field: "会社名", relatedField: "会社名" },
      ],
      lookupPickerFields: ["顧客名", "会社名"],
      filterCond: "",
      sort: "レコード番号 desc",
    },
  },
  { type: "SINGLE_LINE_TEXT", code: "顧客名", label: "顧客名" },
  { type: "SINGLE_LINE_TEXT", code: "会社名", label: "会社名" },
  { type: "USER_SELECT", code: "担当者", label: "担当者" },
  { type: "DATETIME", code: "対応日時", label: "対応日時" },
  { type: "SINGLE_LINE_TEXT", code: "件名", label: "件名" },
  { type: "MULTI_LINE_TEXT", code: "議事録", label: "議事録" },
  { type: "LINK", code: "FrontAgentリンク", label: "FrontAgentリンク", protocol: "WEB" },
  { type: "SINGLE_LINE_TEXT", code: "FrontAgentイベントID", label: "FrontAgentイベントID", unique: true },
];

/** The two template apps with sample customers and users; tokens hold every permission. */
export function templateSeed(options: TemplateOptions = {}): SeedSpec {
  const now = options.now ? new Date(options.now) : new Date();
  return {
    users: sampleUsers(),
    apps: [
      {
        key: "customer",
        name: "顧客管理(Front Agent)",
        fields: CUSTOMER_FIELDS,
        tokens: [{ permissions: allPermissions }],
        records: sampleCustomers(options.customers ?? 300, options.seed ?? 1, now, options.spreadDays ?? 120),
      },
      {
        key: "activity",
        name: "活動履歴(Front Agent)",
        fields: ACTIVITY_FIELDS,
        tokens: [{ permissions: allPermissions }],
      },
    ],
  };
}

const allPermissions = { view: true, add: true, edit: true, delete: true, manage: true };
