export { type ErrorCode, type Language, type Message, messageFor, messages } from "./errors/catalogue.ts";
export { pickLanguage } from "./errors/language.ts";
