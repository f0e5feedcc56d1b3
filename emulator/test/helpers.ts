import { EmulatorClient, type RunningEmulator, type SeedSpec, startEmulator } from "../src/index.ts";

export interface TestEmulator extends RunningEmulator {
  control: EmulatorClient;
}

export async function emulatorWith(seed?: SeedSpec): Promise<TestEmulator> {
  const running = await startEmulator(seed ? { seed } : {});
  return Object.assign(running, { control: new EmulatorClient(running.url) });
}

export interface KintoneCall {
  token?: string | string[];
  password?: { user: string; password: string };
  body?: unknown;
  headers?: Record<string, string>;
  language?: "ja" | "en";
}

export interface KintoneAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are asserted field by field
  body: any;
}

/** A raw kintone REST call, the way a client without the SDK would make it. */
export async function kintone(
  emu: RunningEmulator,
  method: string,
  path: string,
  call: KintoneCall = {},
): Promise<KintoneAnswer> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token)
    headers["X-Cybozu-API-Token"] = Array.isArray(call.token) ? call.token.join(",") : call.token;
  if (call.password) {
    headers["X-Cybozu-Authorization"] = Buffer.from(
      `${call.password.user}:${call.password.password}`,
    ).toString("base64");
  }
  if (call.language) headers["Accept-Language"] = call.language;
  if (call.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers,
    body: call.body === undefined ? null : JSON.stringify(call.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON answers (the 503 maintenance page) are kept as text.
  }
  return { status: res.status, headers: res.headers, body };
}

export function q(params: Record<string, string | number | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (!Array.isArray(value)) search.append(key, String(value));
    else
      value.forEach((v, i) => {
        search.append(`${key}[${i}]`, v);
      });
  }
  return `?${search.toString()}`;
}

/** A small app for tests: one text field unless told otherwise. */
export const simpleFields = [
  { type: "SINGLE_LINE_TEXT" as const, code: "title", label: "Title" },
  { type: "NUMBER" as const, code: "amount", label: "Amount" },
];
