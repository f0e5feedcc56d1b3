import { BackendClient, BackendError } from "../backend.ts";
import { format } from "../i18n.ts";
import type { KintoneEnv } from "../kintone-env.ts";
import { desktopMessages as m } from "../messages/desktop.ts";

/**
 * Our area in the header space; desktop.css / mobile.css style it and a second detail.show finds it.
 * This file is the record button of both kintone screens: desktop/main.ts and mobile/main.ts only say
 * which event and which space element.
 */
export const AREA_CLASS = "fa-open";

type State = "loading" | "linked" | "none" | "failed";

/**
 * The customer app the config screen saved (its `settings` JSON, draft.ts pluginConfig), or null when the
 * config names none (never saved, damaged, or saved by a version that did not store it). Read here rather
 * than through draft.ts so the record scripts stay small.
 */
export function configuredCustomerApp(config: Record<string, string>): string | null {
  if (!config.settings) return null;
  try {
    const appId = (JSON.parse(config.settings) as { customerApp?: { appId?: unknown } } | null)?.customerApp
      ?.appId;
    return typeof appId === "string" || typeof appId === "number" ? String(appId) || null : null;
  } catch {
    return null;
  }
}

/**
 * Puts "Front Agentで開く" into the record's header space (desktop: the header menu space; mobile: the
 * header space). The link is asked for when the record is shown, not on click: window.open after an await
 * in a click handler is blocked as a pop-up by some browsers (Safari), so the click itself must open
 * synchronously.
 *
 * Only on the configured customer app: kintone loads the script on every record page of every app the
 * plug-in is added to (the activity app too, or a copy of the customer app, whose plug-in config comes
 * along). There `recordId` is another app's record, and the backend would answer for the customer record
 * with the same number — 未連携, or worse, another customer's page.
 */
export async function showOpenButton(env: KintoneEnv, recordId: string, header: HTMLElement): Promise<void> {
  const config = env.getConfig();
  const customerApp = configuredCustomerApp(config);
  if (customerApp !== null && customerApp !== env.appId()) return;
  // app.record.detail.show fires again after an edit is saved, and kintone may keep the header element.
  let area = header.querySelector<HTMLElement>(`.${AREA_CLASS}`);
  if (area && area.dataset.recordId === recordId && area.dataset.state !== "failed") return;
  if (!area) {
    area = document.createElement("span");
    area.className = AREA_CLASS;
    header.append(area);
  }
  area.dataset.recordId = recordId;
  const language = env.language();
  const button = document.createElement("button");
  button.type = "button";
  button.className = "fa-open-button";
  button.textContent = format(m.openInFrontAgent, language);
  button.disabled = true;
  setState(area, "loading", button);

  const backendUrl = config.backendUrl;
  if (!backendUrl) return say(area, "failed", format(m.notConfigured, language));
  // undefined: the call failed.
  const url = await new BackendClient(env, backendUrl).linkedCustomerUrl(recordId).catch((error: unknown) => {
    // Only the code and status: the body of a failed proxy call is not for a user's console.
    const detail = error instanceof BackendError ? `${error.code} (${error.status})` : "proxy call failed";
    console.warn(`Front Agent: customer link for record ${recordId}: ${detail}`);
    return undefined;
  });
  // The user moved on to another record while we waited: that show owns the area now.
  if (area.dataset.recordId !== recordId) return;
  if (url === undefined) return say(area, "failed", format(m.linkFailed, language));
  if (url === null)
    return say(area, "none", format(m.notLinked, language), format(m.notLinkedHelp, language));
  // The URL comes from the backend; anything but http(s) (javascript:, data:) is not opened.
  if (!/^https?:\/\//i.test(url)) return say(area, "failed", format(m.linkFailed, language));
  button.addEventListener("click", () => {
    window.open(url, "_blank", "noopener");
  });
  button.disabled = false;
  setState(area, "linked", button);
}

function say(area: HTMLElement, state: State, text: string, title?: string): void {
  const note = document.createElement("span");
  note.className = `fa-open-${state}`;
  note.textContent = text;
  if (title) note.title = title;
  if (state === "failed") note.setAttribute("role", "alert");
  setState(area, state, note);
}

function setState(area: HTMLElement, state: State, child: HTMLElement): void {
  area.dataset.state = state;
  area.replaceChildren(child);
}
