/**
 * A question asked in place before something that cannot be taken back (全件同期, 初期値に戻す): what it
 * does, then no and yes, kintone's dialog buttons.
 */
export function Confirm({
  label,
  question,
  no,
  yes,
  busy = false,
  onNo,
  onYes,
}: {
  label: string;
  question: string;
  no: string;
  yes: string;
  busy?: boolean;
  onNo(): void;
  onYes(): void;
}) {
  return (
    <div class="kintoneplugin-row fa-confirm" role="alertdialog" aria-label={label}>
      <p class="kintoneplugin-desc">{question}</p>
      <button type="button" class="kintoneplugin-button-dialog-cancel" onClick={onNo}>
        {no}
      </button>
      <button type="button" class="kintoneplugin-button-dialog-ok" disabled={busy} onClick={onYes}>
        {yes}
      </button>
    </div>
  );
}
