// The administrator's guide (docs/admin-guide.ja.md) explains every settings check with the words the screen
// shows. A check added to the catalogue, or reworded there, must be added or reworded in the guide too, or an
// administrator reads one text on the screen and another in the guide: this test fails until it is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Message } from "./catalogue.ts";
import { checkMessages } from "./check-messages.ts";

const guidePath = join(import.meta.dirname, "../../../docs/admin-guide.ja.md");
const guide = readFileSync(guidePath, "utf8");
const texts: Record<string, Message> = checkMessages;
const codes = Object.keys(texts).filter((code) => !code.endsWith("_FIX"));

describe("docs/admin-guide.ja.md", () => {
  test.each(codes)("has a heading for %s", (code) => {
    expect(guide).toMatch(new RegExp(`^#{2,4} .*\\b${code}\\b`, "m"));
  });

  test.each(codes)("quotes the Japanese text of %s and of its fix", (code) => {
    expect(guide).toContain(texts[code]?.ja);
    const fix = texts[`${code}_FIX`];
    if (fix) expect(guide).toContain(fix.ja);
  });
});
