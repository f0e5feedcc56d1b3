import { BackendClient, BackendError } from "../backend.ts";
import { format } from "../i18n.ts";
import type { KintoneEnv } from "../kintone-env.ts";
import { desktopMessages as m } from "../messages/desktop.ts";

/** Our area in the header menu space; desktop.css styles it and a second detail.show finds it. */
export const AREA_CLASS = "fa-open";

type State = "loading" | "linked" | "none" | "failed";

/**
 * Puts "Front Agentで開く" into the record's header menu space. The link is asked for when the record is
 * shown, not on click: window.open after an await in a click handler is blocked as a pop-up by some
 * browsers (Safari), so the click itself must open synchronously.
 */
export async function showOpenButton(env: KintoneEnv, recordId: string, header: HTMLElement): Promise<void> {
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

  const backendUrl = env.getConfig().backendUrl;
  if (!backendUrl) return say(area, "failed", format(m.notConfigured, language));
  // undefined: the call failed.
  const url = await new BackendClient(env, backendUrl).customerLink(recordId).catch((error: unknown) => {
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
