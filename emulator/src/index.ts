export { EmulatorClient } from "./client.ts";
export type { SeedApp, SeedResult, SeedSpec, SeedToken, SeedUser } from "./control/seed.ts";
export type { FaultRule, RequestLogEntry } from "./http/observe.ts";
export type { Permissions } from "./model/app.ts";
export type {
  FieldProperties,
  FieldProperty,
  FieldType,
  FieldValue,
  KintoneRecord,
} from "./model/kintone-types.ts";
export { ACTIVITY_FIELDS, CUSTOMER_FIELDS, type TemplateOptions, templateSeed } from "./seed/template.ts";
export { type RunningEmulator, type StartOptions, startEmulator } from "./start.ts";
