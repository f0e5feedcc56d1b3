/** kintone's default code for the 更新日時 (UPDATED_TIME) field, used when the form is not known. */
export const DEFAULT_UPDATED_TIME_FIELD = "更新日時";

/**
 * The app's UPDATED_TIME field code (every app has one; its code may have been changed). The first
 * import, its preview, the candidate index and the config screen's count all window on it.
 */
export function updatedTimeFieldCode(
  form: Readonly<Record<string, { type: string; code: string }>> | null,
): string {
  const field = form ? Object.values(form).find((f) => f.type === "UPDATED_TIME") : undefined;
  return field?.code ?? DEFAULT_UPDATED_TIME_FIELD;
}
