import { type Language, type MessageKey, t } from "../../i18n.ts";

/** A table's header row in kintone's look: one cell a column, each its message in the screen's language. */
export function TableHead({ language, columns }: { language: Language; columns: readonly MessageKey[] }) {
  return (
    <thead>
      <tr>
        {columns.map((key) => (
          <th key={key} class="kintoneplugin-table-th">
            {t(language, key)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
