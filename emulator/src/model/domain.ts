import { randomBytes } from "node:crypto";
import { ALL_PERMISSIONS, type AppInit, AppState, type Permissions } from "./app.ts";
import { Clock } from "./clock.ts";
import { CursorStore } from "./cursors.ts";
import type { LayoutItem } from "./form.ts";
import { systemProperties } from "./form.ts";
import type { FieldProperties } from "./kintone-types.ts";

export interface ApiToken {
  token: string;
  appId: number;
  permissions: Permissions;
  /** A token generated but not yet deployed with "アプリを更新" is refused like a wrong one (facts §5.1). */
  deployed: boolean;
}

export interface EmulatedUser {
  id: string;
  code: string;
  name: string;
  email: string;
  password: string;
  surName: string;
  givenName: string;
  valid: boolean;
  timezone: string;
  locale: string;
  /** This user has two-factor authentication on: password auth is refused (CB_TW02). */
  twoFactor: boolean;
  ctime: string;
}

export interface DomainSettings {
  /** Simultaneous requests per domain before 429 GAIA_TO04 (kintone: 100). */
  concurrencyLimit: number;
  /** Added to every request, to make the emulator as slow as a real kintone for benchmarks. */
  latencyMs: number;
  /** "Two-factor authentication forced for all users": every password login is refused. */
  twoFactorForced: boolean;
  /** The organisation's default language, used when a request sends no Accept-Language. */
  language: "ja" | "en";
  /** The calling user's time zone for TODAY() and friends (API-token calls use it too). */
  timeZone: string;
  /** Live cursors per domain before 429 GAIA_TM12 (kintone: 10). */
  cursorLimit: number;
}

export const DEFAULT_SETTINGS: DomainSettings = {
  concurrencyLimit: 100,
  latencyMs: 0,
  twoFactorForced: false,
  language: "ja",
  timeZone: "Asia/Tokyo",
  cursorLimit: 10,
};

export interface NewApp {
  name: string;
  code?: string;
  description?: string;
  spaceId?: string | null;
  guestSpaceId?: string | null;
  /** The app's own fields; the five system fields are added unless given. */
  properties: FieldProperties;
  layout?: LayoutItem[];
  userPermissions?: Record<string, Permissions>;
}

const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * kintone's API tokens are 40 letters and digits. (base64url would also give "-" and "_", and a token
 * starting with "-" reads as an option to command-line tools such as cli-kintone.)
 */
function apiTokenText(): string {
  let text = "";
  for (const byte of randomBytes(40)) text += TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length];
  return text;
}

/** One kintone domain (`https://{sub}.cybozu.com`): its apps, tokens, users, cursors and clock. */
export class Domain {
  readonly clock = new Clock();
  readonly apps = new Map<number, AppState>();
  readonly tokens = new Map<string, ApiToken>();
  readonly users = new Map<string, EmulatedUser>();
  readonly cursors = new CursorStore(this.clock);
  settings: DomainSettings = { ...DEFAULT_SETTINGS };
  private nextAppId = 1;
  private nextUserId = 1;
  private nextRowId = 1;

  /** Subtable row ids are unique across the domain in kintone, not per record. */
  takeRowId(): number {
    return this.nextRowId++;
  }

  createApp(spec: NewApp): AppState {
    const hasSystem = (type: string) => Object.values(spec.properties).some((p) => p.type === type);
    const system = systemProperties();
    const properties: FieldProperties = {};
    for (const [code, p] of Object.entries(system)) if (!hasSystem(p.type)) properties[code] = p;
    Object.assign(properties, spec.properties);
    const init: AppInit = { ...spec, id: this.nextAppId++, properties };
    const app = new AppState(init, this.clock);
    this.apps.set(app.id, app);
    return app;
  }

  createToken(appId: number, permissions: Partial<Permissions> = ALL_PERMISSIONS, deployed = true): ApiToken {
    const token: ApiToken = {
      token: apiTokenText(),
      appId,
      permissions: { view: false, add: false, edit: false, delete: false, manage: false, ...permissions },
      deployed,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  createUser(input: Partial<EmulatedUser> & { code: string; name: string }): EmulatedUser {
    const [surName = input.name, givenName = ""] = input.name.split(/[\s\u3000]+/);
    const user: EmulatedUser = {
      id: String(this.nextUserId++),
      email: "",
      password: "",
      surName,
      givenName,
      valid: true,
      timezone: this.settings.timeZone,
      locale: "ja",
      twoFactor: false,
      ctime: this.clock.now().toISOString(),
      ...input,
    };
    this.users.set(user.code, user);
    return user;
  }

  reset(): void {
    this.apps.clear();
    this.tokens.clear();
    this.users.clear();
    this.cursors.clear();
    this.settings = { ...DEFAULT_SETTINGS };
    this.clock.reset();
    this.nextAppId = 1;
    this.nextUserId = 1;
  }
}
