// @vitest-environment node
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { crc32 } from "../scripts/make-icon.ts";

/** The chunks of a PNG, each CRC checked (kintone refuses an icon it cannot decode). */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const body = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(body));
    out.push({ type: body.toString("ascii", 0, 4), data: body.subarray(4) });
    at += 12 + length;
  }
  return out;
}

describe("static/image/icon.png", () => {
  test("is a whole 56×56 RGBA PNG", () => {
    const parts = chunks(readFileSync(new URL("../static/image/icon.png", import.meta.url)));
    expect(parts.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    const header = parts[0]?.data ?? Buffer.alloc(13);
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([56, 56, 8, 6]);
    // One filter byte plus 56 RGBA pixels per row.
    expect(inflateSync(parts[1]?.data ?? Buffer.alloc(0)).length).toBe(56 * (1 + 56 * 4));
  });
});
