import { describe, expect, test } from "vitest";
import { messageFor, messages } from "./catalogue.ts";
import { isErrorCode } from "./format.ts";
import { pickLanguage } from "./language.ts";

// Parity: a code shown to a user must read naturally in both languages, never fall back to a code.
describe("message catalogue", () => {
  test.each(Object.keys(messages).filter(isErrorCode))("%s has ja and en texts", (code) => {
    expect(messageFor(code, "ja")).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(messageFor(code, "en")).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe("pickLanguage", () => {
  test.each([
    ["no header → ja", undefined, "ja"],
    ["empty → ja", "", "ja"],
    ["en → en", "en", "en"],
    ["en-US first → en", "en-US,ja;q=0.8", "en"],
    ["ja first → ja", "ja,en;q=0.8", "ja"],
    ["wildcard → ja", "*", "ja"],
  ])("%s", (_name, header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});
