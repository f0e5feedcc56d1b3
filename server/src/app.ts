import { type Language, messageFor, pickLanguage } from "@front-agent/shared";
import { Hono } from "hono";
import { databaseAnswers, type SqliteDatabase } from "./storage/database.ts";

export interface AppDeps {
  db: SqliteDatabase;
}

export function createApp({ db }: AppDeps): Hono {
  const app = new Hono();

  app.get("/healthz", (c) => {
    if (databaseAnswers(db)) return c.json({ status: "ok" });
    const language: Language = pickLanguage(c.req.header("accept-language"));
    return c.json({ error: { code: "NOT_READY", message: messageFor("NOT_READY", language) } }, 503);
  });

  app.notFound((c) => {
    const language = pickLanguage(c.req.header("accept-language"));
    return c.json({ error: { code: "NOT_FOUND", message: messageFor("NOT_FOUND", language) } }, 404);
  });

  return app;
}
