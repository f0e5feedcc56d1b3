import { createHash } from "node:crypto";
import type { Settings } from "@front-agent/shared";

/**
 * What an import reads, as one key: the kintone, the customer app and its mapping. A save that changes it
 * starts the first import (services/settings.ts); a run takes the plan its save made only for the same key.
 */
export function importKeyOf(settings: Pick<Settings, "kintone" | "customerApp">): string {
  const basis = JSON.stringify({
    baseUrl: settings.kintone.baseUrl,
    appId: settings.customerApp.appId,
    fields: settings.customerApp.fields,
  });
  return createHash("sha256").update(basis).digest("hex");
}
