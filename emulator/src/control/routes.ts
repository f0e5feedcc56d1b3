import { KintoneError } from "../errors/kintone-error.ts";
import type { FaultRule } from "../http/observe.ts";
import type { EmulatorState } from "../http/server.ts";
import type { Permissions } from "../model/app.ts";
import type { LayoutItem } from "../model/form.ts";
import type { FieldProperties } from "../model/kintone-types.ts";
import { migrateRecord } from "../records/migrate.ts";
import { type TemplateOptions, templateSeed } from "../seed/template.ts";
import { applySeed, type SeedApp, type SeedSpec, seedRecords } from "./seed.ts";

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/**
 * The emulator's own API under `/__emulator/`: what a test does to kintone by hand in real life (create
 * apps and tokens, edit a form, move the clock) plus fault injection and request statistics.
 * Not part of kintone; no authentication (the emulator listens on loopback only).
 */
export async function handleControl(
  state: EmulatorState,
  method: string,
  rest: string,
  search: URLSearchParams,
  rawBody: Buffer,
): Promise<ControlAnswer> {
  const { domain, stats, faults } = state;
  let body: Record<string, unknown> = {};
  try {
    body = rawBody.length > 0 ? (JSON.parse(rawBody.toString("utf8")) as Record<string, unknown>) : {};
  } catch {
    return bad("body is not JSON");
  }
  const parts = rest.split("/").filter((p) => p !== "");
  const route = `${method.toUpperCase()} ${parts.map((p, i) => (i % 2 === 1 ? ":" : p)).join("/")}`;
  const id = parts[1] ?? "";
  try {
    switch (route) {
      case "GET health":
        return ok({ ok: true });
      case "POST reset":
        domain.reset();
        stats.reset();
        faults.clear();
        return ok({});
      case "POST seed":
        if (body.template !== undefined)
          return ok(applySeed(domain, templateSeed(body.template as TemplateOptions)));
        return ok(applySeed(domain, body as SeedSpec));
      case "POST apps": {
        const key = String((body as unknown as SeedApp).key ?? `app${domain.apps.size + 1}`);
        const result = applySeed(domain, { apps: [{ ...(body as unknown as SeedApp), key }] });
        return ok(result.apps[key]);
      }
      case "PUT apps/:/form": {
        const app = domain.apps.get(Number(id));
        if (!app) return notFound(`app ${id}`);
        app.setPreview(body.properties as FieldProperties, body.layout as LayoutItem[] | undefined);
        if (body.deploy !== false) app.deploy(app.preview, (r) => migrateRecord(r, app.preview.properties));
        return ok({ revision: String(app.live.revision) });
      }
      case "PUT apps/:/code": {
        const app = domain.apps.get(Number(id));
        if (!app) return notFound(`app ${id}`);
        app.code = String(body.code ?? "");
        return ok({});
      }
      case "POST apps/:/records": {
        const ids = seedRecords(
          domain,
          Number(id),
          (body.records ?? []) as Array<Record<string, { value: unknown }>>,
        );
        return ok({ ids });
      }
      case "POST tokens": {
        const appId = Number(body.appId);
        if (!domain.apps.has(appId)) return notFound(`app ${body.appId}`);
        const t = domain.createToken(
          appId,
          body.permissions as Partial<Permissions>,
          body.deployed !== false,
        );
        return ok({ token: t.token });
      }
      case "PATCH tokens/:": {
        const t = domain.tokens.get(id);
        if (!t) return notFound("token");
        if (body.permissions)
          t.permissions = { ...t.permissions, ...(body.permissions as Partial<Permissions>) };
        if (typeof body.deployed === "boolean") t.deployed = body.deployed;
        return ok({});
      }
      case "DELETE tokens/:":
        domain.tokens.delete(id);
        return ok({});
      case "POST users": {
        const u = domain.createUser(body as { code: string; name: string });
        return ok({ id: u.id, code: u.code });
      }
      case "PATCH users/:": {
        const u = domain.users.get(decodeURIComponent(id));
        if (!u) return notFound("user");
        Object.assign(u, pick(body, ["name", "email", "password", "twoFactor", "valid"]));
        return ok({});
      }
      case "GET settings":
        return ok(domain.settings);
      case "PUT settings":
        domain.settings = { ...domain.settings, ...(body as object) };
        return ok(domain.settings);
      case "GET clock":
        return ok({ now: domain.clock.now().toISOString() });
      case "PUT clock":
        if (typeof body.advanceMs === "number") domain.clock.advance(body.advanceMs);
        if (body.now !== undefined) domain.clock.set(body.now === null ? null : new Date(String(body.now)));
        return ok({ now: domain.clock.now().toISOString() });
      case "GET faults":
        return ok({ faults: faults.list() });
      case "POST faults":
        faults.add({
          ...(body as unknown as FaultRule),
          times: body.times === undefined ? 1 : (body.times as number | null),
        });
        return ok({});
      case "DELETE faults":
        faults.clear();
        return ok({});
      case "GET stats":
        return ok({ ...stats.snapshot(), cursors: domain.cursors.count });
      case "DELETE stats":
        stats.reset();
        return ok({});
      case "GET requests": {
        const path = search.get("path");
        return ok({ requests: stats.requests().filter((r) => path === null || r.path === path) });
      }
      default:
        return notFound(`${method} /__emulator/${rest}`);
    }
  } catch (error) {
    if (error instanceof KintoneError) return { status: error.status, body: error.toBody("en") };
    return bad(error instanceof Error ? error.message : String(error));
  }
}

function ok(body: unknown): ControlAnswer {
  return { status: 200, body };
}

function bad(message: string): ControlAnswer {
  return { status: 400, body: { error: message } };
}

function notFound(what: string): ControlAnswer {
  return { status: 404, body: { error: `${what} not found` } };
}

function pick(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => keys.includes(k)));
}
