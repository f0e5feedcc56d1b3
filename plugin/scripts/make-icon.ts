/**
 * Draws the plug-in's 56×56 icon (kintone shows it in the plug-in list) and writes static/image/icon.png.
 * The PNG is committed; run this again only to change the drawing: `tsx scripts/make-icon.ts`.
 * A white "F" with an "open elsewhere" arrow on a blue rounded square, anti-aliased by 4×4 supersampling.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZE = 56;
const SAMPLES = 4;

type Rgb = [number, number, number];
/** x0, y0, x1, y1: a rectangle's corners, or a segment's ends. */
type Box = [number, number, number, number];

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), SIZE - radius);
  const cy = Math.min(Math.max(y, radius), SIZE - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function nearSegment(x: number, y: number, [ax, ay, bx, by]: Box, width: number): boolean {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - (ax + t * dx)) ** 2 + (y - (ay + t * dy)) ** 2 <= (width / 2) ** 2;
}

function inRect(x: number, y: number, [x0, y0, x1, y1]: Box): boolean {
  return x >= x0 && x < x1 && y >= y0 && y < y1;
}

const letterF: Box[] = [
  [14, 12, 21, 44],
  [14, 12, 36, 18.5],
  [14, 25, 32, 31.5],
];
const arrow: Box[] = [
  [30, 44, 43, 31],
  [35, 31, 43.5, 31],
  [43, 31, 43, 39.5],
];

function glyph(x: number, y: number): boolean {
  return letterF.some((r) => inRect(x, y, r)) || arrow.some((s) => nearSegment(x, y, s, 4));
}

/** Colour of one pixel (premultiplied against nothing: straight RGBA). */
function pixel(px: number, py: number): [number, number, number, number] {
  const top: Rgb = [59, 130, 246];
  const bottom: Rgb = [29, 78, 216];
  let cover = 0;
  let white = 0;
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      const x = px + (i + 0.5) / SAMPLES;
      const y = py + (j + 0.5) / SAMPLES;
      if (!insideRoundedSquare(x, y, 12)) continue;
      cover++;
      if (glyph(x, y)) white++;
    }
  }
  if (cover === 0) return [0, 0, 0, 0];
  const k = py / (SIZE - 1);
  const w = white / cover;
  const mix = (from: number, to: number) => Math.round(((1 - k) * from + k * to) * (1 - w) + 255 * w);
  return [
    mix(top[0], bottom[0]),
    mix(top[1], bottom[1]),
    mix(top[2], bottom[2]),
    Math.round((255 * cover) / SAMPLES ** 2),
  ];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG; every scanline uses filter 0 (none), which is small enough at 56×56. */
export function encodePng(width: number, height: number, rgba: (x: number, y: number) => number[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter set 0, no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(rgba(x, y), y * (1 + width * 4) + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL("../static/image/icon.png", import.meta.url);
  writeFileSync(out, encodePng(SIZE, SIZE, pixel));
  console.log(`wrote ${out.pathname}`);
}
