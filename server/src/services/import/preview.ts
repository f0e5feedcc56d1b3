import {
  type ImportPreview,
  initialWindowStart,
  type Settings,
  updatedSinceCondition,
} from "@front-agent/shared";
import { isAllowedOrigin } from "../../kintone/origins.ts";
import { OriginNotAllowedError } from "../../kintone/rest-gateway.ts";
import type { CustomerRepository } from "../../storage/index.ts";
import { resolveTokens, type SettingsDeps } from "../settings.ts";
import { applyPage } from "./apply-page.ts";
import { initialCap } from "./initial-cap.ts";
import { readingOf } from "./plan.ts";
import { readMostRecent, readOpening, readWhole } from "./readers.ts";

/**
 * SPEC (Beyond the source): before the first import, what it will do — the records in scope, and how
 * many it would create, link and skip. It reads the same records as the first import (the window, the
 * cap, newest first) and runs the same rules against the FA directory, but writes nothing: the
 * directory is only read.
 */
export async function previewFirstImport(
  deps: SettingsDeps,
  tenantId: string,
  settings: Settings,
): Promise<ImportPreview> {
  if (!isAllowedOrigin(settings.kintone.baseUrl, deps.allowedOrigins))
    throw new OriginNotAllowedError(settings.kintone.baseUrl);
  const resolved = await resolveTokens(deps, tenantId, settings);
  const gateway = deps.gatewayFor(resolved, tenantId);
  const app = settings.customerApp;
  const { updatedField, fields } = readingOf(await gateway.formFields(app.appId), app.fields);
  const condition = updatedSinceCondition(
    updatedField,
    initialWindowStart(deps.now(), settings.options.initialWindowDays),
    0,
  );
  const cap = initialCap(settings, deps.maxInitialRecords);
  // The count (shown as it is) and the opening side by side, as the run reads: when the cap is smaller,
  // the opening's pages are not the most recent records and are dropped.
  const read = { appId: app.appId, condition, fields };
  const [inScope, opened] = await Promise.all([
    gateway.count(app.appId, condition),
    readOpening(gateway, read),
  ]);

  const preview: ImportPreview = { inScope, read: 0, created: 0, linked: 0, skipped: 0, skippedReasons: {} };
  const readOnly = readOnlyCustomers(deps.storage.customers);
  const onPage = async (page: { records: Parameters<typeof applyPage>[0]["records"] }) => {
    const outcome = await applyPage({
      customers: readOnly,
      tenantId,
      appId: app.appId,
      records: page.records,
      mapping: app.fields,
      now: "",
    });
    preview.read += outcome.read;
    preview.created += outcome.created;
    preview.linked += outcome.updated;
    preview.skipped += outcome.skipped;
    for (const issue of outcome.issues) {
      if (issue.kind === "skipped")
        preview.skippedReasons[issue.reason] = (preview.skippedReasons[issue.reason] ?? 0) + 1;
    }
  };
  if (inScope <= cap) {
    await readWhole(gateway, read, onPage, opened);
  } else {
    await readMostRecent(gateway, { appId: app.appId, condition, updatedField, cap, fields }, onPage);
  }
  return preview;
}

/** The directory's lookups as they are; the batch is counted, never applied. */
function readOnlyCustomers(customers: CustomerRepository): CustomerRepository {
  return {
    ...customers,
    applyImportBatch: async (_tenantId, batch) => ({
      created: batch.creates.length,
      updated: batch.updates.length,
    }),
  };
}
