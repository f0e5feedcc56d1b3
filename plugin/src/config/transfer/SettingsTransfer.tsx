import { useRef, useState } from "preact/hooks";
import { t } from "../../i18n.ts";
import type { SectionProps } from "../section-props.ts";
import { Confirm } from "../ui/Confirm.tsx";
import type { Notice } from "../ui/notice.ts";
import { draftFromFile, resetDraft, settingsFile } from "./settings-file.ts";

/**
 * The settings as a JSON file (out and in) and a reset to the defaults. Each only changes the draft: nothing
 * is stored until 保存, so a wrong import or reset is undone by leaving the page.
 */
export function SettingsTransfer({ language, draft, update }: SectionProps) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const download = () => {
    const now = new Date();
    const url = URL.createObjectURL(new Blob([settingsFile(draft, now)], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `front-agent-settings-app${draft.customerApp.appId}-${now.toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers; the URL is small, let it go a little later.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // The same file chosen again (after fixing it) must fire change again.
    input.value = "";
    if (!file) return;
    const reading = draftFromFile(draft, await file.text());
    if (reading.ok) {
      update((d) => {
        Object.assign(d, reading.draft);
      });
      setNotice({ kind: "success", text: t(language, "transferImported", { file: file.name }) });
    } else if (reading.error === "json") {
      setNotice({ kind: "error", text: t(language, "transferBadJson", { file: file.name }) });
    } else {
      setNotice({
        kind: "error",
        text: t(language, "transferBadShape", { file: file.name, path: reading.path }),
      });
    }
  };

  const reset = () => {
    update((d) => {
      Object.assign(d, resetDraft(d));
    });
    setConfirming(false);
    setNotice({ kind: "success", text: t(language, "transferResetDone") });
  };

  return (
    <section class="fa-section" aria-labelledby="fa-transfer">
      <h3 id="fa-transfer" class="kintoneplugin-label">
        {t(language, "transferHeading")}
      </h3>
      <p class="kintoneplugin-desc">{t(language, "transferHelp")}</p>
      <div class="kintoneplugin-row">
        <button type="button" class="kintoneplugin-button-normal" onClick={download}>
          {t(language, "transferExport")}
        </button>{" "}
        <button type="button" class="kintoneplugin-button-normal" onClick={() => fileInput.current?.click()}>
          {t(language, "transferImport")}
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept=".json,application/json"
          aria-label={t(language, "transferImport")}
          onChange={(e) => importFile(e.currentTarget)}
        />{" "}
        <button
          type="button"
          class="kintoneplugin-button-normal"
          disabled={confirming}
          onClick={() => setConfirming(true)}
        >
          {t(language, "transferReset")}
        </button>
      </div>
      {confirming ? (
        <Confirm
          label={t(language, "transferReset")}
          question={t(language, "transferResetConfirm")}
          no={t(language, "transferResetNo")}
          yes={t(language, "transferResetYes")}
          onNo={() => setConfirming(false)}
          onYes={reset}
        />
      ) : null}
      {notice ? (
        <p
          class={`fa-notice fa-notice-${notice.kind}`}
          role={notice.kind === "error" ? "alert" : undefined}
          aria-live="polite"
        >
          {notice.text}
        </p>
      ) : null}
    </section>
  );
}
