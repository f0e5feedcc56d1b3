export * from "./assist/index.ts";
export { type ErrorCode, type Language, type Message, messageFor, messages } from "./errors/catalogue.ts";
export {
  type CheckCode,
  checkText,
  formatCode,
  formatMessage,
  isErrorCode,
  type MessageParam,
  type MessageParams,
  messageAndFix,
  placeholdersOf,
  textOfCode,
} from "./errors/format.ts";
export {
  fieldTypeLabel,
  fieldTypeLabels,
  type TokenPermission,
  tokenPermissionLabels,
} from "./errors/labels.ts";
export { pickLanguage } from "./errors/language.ts";
export type { StartupCode } from "./errors/startup-messages.ts";
export * from "./import-rules/index.ts";
export * from "./kintone-query/index.ts";
export * from "./matching/index.ts";
export * from "./schemas/index.ts";
export * from "./settings-checks/index.ts";
