import type { SeedApp, SeedResult, SeedSpec } from "./control/seed.ts";
import type { FaultRule, RequestLogEntry } from "./http/observe.ts";
import type { Permissions } from "./model/app.ts";
import type { DomainSettings } from "./model/domain.ts";
import type { LayoutItem } from "./model/form.ts";
import type { FieldProperties } from "./model/kintone-types.ts";
import type { TemplateOptions } from "./seed/template.ts";

export interface EmulatorStats {
  total: number;
  running: number;
  peakRunning: number;
  cursors: number;
  byEndpoint: Array<{ appId: string; endpoint: string; status: number; count: number }>;
}

/** A typed client for the emulator's control API (`/__emulator/`), for tests, the demo and benchmarks. */
export class EmulatorClient {
  constructor(readonly baseUrl: string) {}

  seed(spec: SeedSpec): Promise<SeedResult> {
    return this.call("POST", "seed", spec);
  }

  seedTemplate(options: TemplateOptions = {}): Promise<SeedResult> {
    return this.call("POST", "seed", { template: options });
  }

  reset(): Promise<void> {
    return this.call("POST", "reset");
  }

  createApp(app: Omit<SeedApp, "key"> & { key?: string }): Promise<{ appId: string; tokens: string[] }> {
    return this.call("POST", "apps", app);
  }

  /** Edits the form as an administrator would; `deploy: false` leaves the change pre-live (preview only). */
  setForm(
    appId: string,
    properties: FieldProperties,
    options: { deploy?: boolean; layout?: LayoutItem[] } = {},
  ): Promise<void> {
    return this.call("PUT", `apps/${appId}/form`, { properties, ...options });
  }

  setAppCode(appId: string, code: string): Promise<void> {
    return this.call("PUT", `apps/${appId}/code`, { code });
  }

  /** Adds records with app-management rights and no batch limit (作成日時/更新日時 may be given). */
  addRecords(appId: string, records: Array<Record<string, { value: unknown }>>): Promise<{ ids: string[] }> {
    return this.call("POST", `apps/${appId}/records`, { records });
  }

  createToken(appId: string, permissions: Partial<Permissions>, deployed = true): Promise<string> {
    return this.call<{ token: string }>("POST", "tokens", { appId, permissions, deployed }).then(
      (r) => r.token,
    );
  }

  updateToken(
    token: string,
    change: { permissions?: Partial<Permissions>; deployed?: boolean },
  ): Promise<void> {
    return this.call("PATCH", `tokens/${encodeURIComponent(token)}`, change);
  }

  createUser(user: {
    code: string;
    name: string;
    email?: string;
    password?: string;
    twoFactor?: boolean;
  }): Promise<void> {
    return this.call("POST", "users", user);
  }

  updateUser(
    code: string,
    change: { password?: string; twoFactor?: boolean; valid?: boolean },
  ): Promise<void> {
    return this.call("PATCH", `users/${encodeURIComponent(code)}`, change);
  }

  settings(change: Partial<DomainSettings>): Promise<DomainSettings> {
    return this.call("PUT", "settings", change);
  }

  /** Pins the clock (`now`), returns to real time (`now: null`), or moves it (`advanceMs`). */
  clock(change: { now?: string | null; advanceMs?: number }): Promise<{ now: string }> {
    return this.call("PUT", "clock", change);
  }

  addFault(rule: Partial<FaultRule>): Promise<void> {
    return this.call("POST", "faults", rule);
  }

  clearFaults(): Promise<void> {
    return this.call("DELETE", "faults");
  }

  stats(): Promise<EmulatorStats> {
    return this.call("GET", "stats");
  }

  resetStats(): Promise<void> {
    return this.call("DELETE", "stats");
  }

  requests(path?: string): Promise<RequestLogEntry[]> {
    const query = path ? `?path=${encodeURIComponent(path)}` : "";
    return this.call<{ requests: RequestLogEntry[] }>("GET", `requests${query}`).then((r) => r.requests);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
}
