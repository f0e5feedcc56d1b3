import { fieldMessages, kintoneErrors, validation } from "../errors/catalogue.ts";
import { migrateRecord } from "../records/migrate.ts";
import { type Handler, requireApp } from "./context.ts";

/** POST /k/v1/preview/app/deploy.json: makes the pre-live settings live ("アプリを更新"). */
export const deployApps: Handler = (req) => {
  const apps = req.params.apps;
  if (!Array.isArray(apps) || apps.length === 0)
    throw validation({ apps: [fieldMessages.requiredParameter] });
  const revert = req.params.revert === true || req.params.revert === "true";
  const targets = apps.map(
    (entry, i) =>
      requireApp(
        { ...req, params: { app: (entry as { app?: unknown })?.app } },
        { all: ["manage"] },
        "app",
      ) ?? kintoneErrors.appNotFound(i),
  );
  for (const app of targets) {
    if (revert) app.preview = structuredClone(app.live);
    else app.deploy(app.preview, (record) => migrateRecord(record, app.preview.properties));
  }
  return {};
};

/** GET /k/v1/preview/app/deploy.json: deployment here is immediate, so every app reports SUCCESS. */
export const getDeployStatus: Handler = (req) => {
  const raw = req.params.apps;
  const ids = Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
  return {
    apps: ids.map((id) => {
      requireApp({ ...req, params: { app: id } }, { all: ["manage"] });
      return { app: id, status: "SUCCESS" };
    }),
  };
};
