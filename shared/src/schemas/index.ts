export {
  type Check,
  type CheckStatus,
  type ChecksResponse,
  checkSchema,
  checkStatusSchema,
  checksResponseSchema,
  type SettingsSaved,
  settingsSavedSchema,
} from "./check.ts";
export {
  type Customer,
  type CustomerCreate,
  type CustomerDetails,
  type CustomerList,
  type CustomerListQuery,
  type CustomerPatch,
  type CustomerUrl,
  customerCreateSchema,
  customerDetails,
  customerDetailsSchema,
  customerListQuerySchema,
  customerListSchema,
  customerPatchSchema,
  customerSchema,
  customerUrlSchema,
  type KintoneLink,
  kintoneLinkRequestSchema,
  kintoneLinkSchema,
  type UnlinkReason,
  unlinkedSchema,
  unlinkReasonSchema,
} from "./customer.ts";
export { type ErrorEnvelope, errorEnvelopeSchema } from "./error-envelope.ts";
export { fieldCodeSchema, fieldMappingSchema } from "./field-code.ts";
export { instantSchema, kintoneIdSchema } from "./ids.ts";
export { type ImportPreview, importPreviewSchema } from "./import-preview.ts";
export {
  type ImportRun,
  type ImportRunKind,
  type ImportRunStatus,
  importRunKindSchema,
  importRunSchema,
  importRunStatusSchema,
  type RunIssue,
  type RunIssueKind,
  type RunIssuesResponse,
  runIssueKindSchema,
  runIssueSchema,
  runIssuesResponseSchema,
} from "./import-run.ts";
export {
  type AppKey,
  maskSettings,
  type Settings,
  type SettingsInput,
  type StoredSettings,
  settingsSchema,
  storedSettingsSchema,
} from "./settings.ts";
export {
  type ActivityFields,
  type ApiToken,
  activityFieldsSchema,
  apiTokenSchema,
  type CustomerFields,
  customerFieldsSchema,
  optionsSchema,
  type SettingsOptions,
  type UserMapping,
  userMappingSchema,
} from "./settings-parts.ts";
export { type Status, statusSchema } from "./status.ts";
export {
  type SyncAccepted,
  type SyncMode,
  type SyncRequest,
  syncAcceptedSchema,
  syncRequestSchema,
} from "./sync.ts";
export {
  TEMPLATE_ACTIVITY_FIELDS,
  TEMPLATE_CUSTOMER_FIELDS,
  type TemplateApps,
  templateSettingsBody,
} from "./template-settings.ts";
export { type TenantCreate, type TenantCreated, tenantCreatedSchema, tenantCreateSchema } from "./tenant.ts";
