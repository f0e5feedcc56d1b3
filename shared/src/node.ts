/**
 * The part of shared that needs node (`@front-agent/shared/node`): the X-FA-Signature HMAC uses node:crypto.
 * The plug-in's browser bundle imports `@front-agent/shared` and never this entry, so nothing here may be
 * re-exported from src/index.ts (plugin/test/browser-imports.test.ts fails if a browser entry reaches node).
 */
export { type SignatureCheck, signAssistBody, verifyAssistSignature } from "./assist/signature.ts";
