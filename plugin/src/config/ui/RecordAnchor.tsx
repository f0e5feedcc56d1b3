import type { ComponentChildren } from "preact";

/** A kintone record's page, opened beside the config screen (whose draft is not saved yet). */
export const recordUrl = (appId: string, recordId: string) =>
  `/k/${encodeURIComponent(appId)}/show#record=${encodeURIComponent(recordId)}`;

/** The record's words as a link to its page in a new tab; plain words while the app is not known yet. */
export function RecordAnchor({
  appId,
  recordId,
  children,
}: {
  appId: string | null | undefined;
  recordId: string;
  children: ComponentChildren;
}) {
  if (!appId) return <>{children}</>;
  return (
    <a href={recordUrl(appId, recordId)} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
