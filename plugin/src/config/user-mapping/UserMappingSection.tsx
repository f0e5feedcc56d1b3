import { useMemo, useState } from "preact/hooks";
import type { FrontAgentUser } from "../../backend.ts";
import { type Language, t } from "../../i18n.ts";
import { kintoneErrorText } from "../apps/forms.ts";
import { connectionError } from "../connection/ConnectionSection.tsx";
import type { SectionProps } from "../section-props.ts";
import { CheckRows } from "../ui/CheckRows.tsx";
import { useRead } from "../ui/Loading.tsx";
import { TableHead } from "../ui/TableHead.tsx";
import { type KintoneUser, loadKintoneUsers, suggestByEmail, withMapping } from "./user-mapping.ts";

/**
 * SPEC S8: each Front Agent user → the kintone user who is 担当者 of their minutes. Suggestions by e-mail are
 * shown, never applied on their own: the administrator applies them with one button (or picks by hand).
 */
export function UserMappingSection({ env, language, draft, update, checks, backend }: SectionProps) {
  const [attempt, setAttempt] = useState(0);
  const [users] = useRead(
    // Both lists are needed for the table; whichever fails first is the message.
    backend &&
      (() =>
        Promise.all([
          backend.users().catch((error: unknown) => {
            throw new Error(
              t(language, "usersFrontAgentFailed", { reason: connectionError(language, error) }),
            );
          }),
          loadKintoneUsers(env).catch((error: unknown) => {
            throw new Error(t(language, "usersKintoneFailed", { reason: kintoneErrorText(error) }));
          }),
        ]).then(([frontAgent, kintone]) => ({ frontAgent, kintone }))),
    (error) => (error instanceof Error ? error.message : String(error)),
    [backend, env, language, attempt],
  );

  const suggestions = useMemo(
    () =>
      users.state === "ready"
        ? suggestByEmail(users.data.frontAgent, users.data.kintone, draft.userMappings)
        : new Map<string, KintoneUser>(),
    [users, draft.userMappings],
  );
  const setMapping = (frontAgentUserId: string, kintoneUserCode: string) =>
    update((d) => {
      d.userMappings = withMapping(d.userMappings, frontAgentUserId, kintoneUserCode);
    });
  const applySuggestions = () =>
    update((d) => {
      for (const [id, user] of suggestions) d.userMappings = withMapping(d.userMappings, id, user.code);
    });

  const fieldChecks = checks.filter((c) => c.field?.startsWith("userMappings"));
  return (
    <section class="fa-section" aria-labelledby="fa-users">
      <h3 id="fa-users" class="kintoneplugin-label">
        {t(language, "usersHeading")}
      </h3>
      <p class="kintoneplugin-desc">{t(language, "usersHelp")}</p>
      {users.state === "idle" ? <p class="kintoneplugin-desc">{t(language, "usersNeedBackend")}</p> : null}
      {users.state === "loading" ? (
        <p class="kintoneplugin-desc" aria-live="polite">
          {t(language, "usersLoading")}
        </p>
      ) : null}
      {users.state === "error" ? (
        <div class="kintoneplugin-row">
          <p class="fa-check fa-check-error" role="alert">
            {users.text}
          </p>
          <button type="button" class="kintoneplugin-button-normal" onClick={() => setAttempt((n) => n + 1)}>
            {t(language, "usersReload")}
          </button>
        </div>
      ) : null}
      {users.state === "ready" ? (
        <UserTable
          language={language}
          frontAgent={users.data.frontAgent}
          kintone={users.data.kintone}
          mappings={new Map(draft.userMappings.map((m) => [m.frontAgentUserId, m.kintoneUserCode]))}
          suggestions={suggestions}
          onChange={setMapping}
          onApply={applySuggestions}
          onReload={() => setAttempt((n) => n + 1)}
        />
      ) : null}
      <CheckRows checks={fieldChecks} />
    </section>
  );
}

const USER_COLUMNS = ["usersFrontAgentColumn", "usersEmailColumn", "usersKintoneColumn"] as const;

interface TableProps {
  language: Language;
  frontAgent: FrontAgentUser[];
  kintone: KintoneUser[];
  /** Front Agent user id → kintone user code, as in the draft. */
  mappings: Map<string, string>;
  suggestions: Map<string, KintoneUser>;
  onChange(frontAgentUserId: string, kintoneUserCode: string): void;
  onApply(): void;
  onReload(): void;
}

function UserTable({
  language,
  frontAgent,
  kintone,
  mappings,
  suggestions,
  onChange,
  onApply,
  onReload,
}: TableProps) {
  const known = new Set(frontAgent.map((u) => u.id));
  // A mapping kept for a user Front Agent no longer lists stays visible, so it can be removed.
  const rows = [
    ...frontAgent.map((user) => ({ user, missing: false })),
    ...[...mappings.keys()]
      .filter((id) => !known.has(id))
      .map((id) => ({ user: { id, name: id, email: "", kintoneUserCode: null }, missing: true })),
  ];
  const mapped = frontAgent.filter((u) => mappings.has(u.id)).length;
  return (
    <>
      <div class="kintoneplugin-row">
        <span class="fa-users-summary">
          {t(language, "usersSummary", { mapped, total: frontAgent.length })}
        </span>{" "}
        <button
          type="button"
          class="kintoneplugin-button-normal"
          disabled={suggestions.size === 0}
          onClick={onApply}
        >
          {t(language, "usersApplySuggestions", { count: suggestions.size })}
        </button>{" "}
        <button type="button" class="kintoneplugin-button-normal" onClick={onReload}>
          {t(language, "usersReload")}
        </button>
      </div>
      {rows.length === 0 ? (
        <p class="kintoneplugin-desc">{t(language, "usersNone")}</p>
      ) : (
        <table class="kintoneplugin-table fa-users">
          <TableHead language={language} columns={USER_COLUMNS} />
          <tbody>
            {rows.map(({ user, missing }) => (
              <UserRow
                key={user.id}
                language={language}
                user={user}
                missing={missing}
                kintone={kintone}
                selected={mappings.get(user.id) ?? ""}
                suggestion={suggestions.get(user.id)}
                onChange={(code) => onChange(user.id, code)}
              />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

interface RowProps {
  language: Language;
  user: FrontAgentUser;
  missing: boolean;
  kintone: KintoneUser[];
  selected: string;
  suggestion: KintoneUser | undefined;
  onChange(kintoneUserCode: string): void;
}

function UserRow({ language, user, missing, kintone, selected, suggestion, onChange }: RowProps) {
  const selectId = `fa-user-${user.id}`;
  // Stopped users are offered only when already mapped (then they show as such, not silently swapped).
  const options = kintone.filter((k) => k.valid || k.code === selected);
  const selectedKnown = selected === "" || kintone.some((k) => k.code === selected);
  const label = (k: KintoneUser) =>
    t(
      language,
      !k.valid ? "usersOptionInvalid" : k.code === suggestion?.code ? "usersOptionSuggested" : "usersOption",
      { name: k.name, code: k.code },
    );
  return (
    <tr>
      <td class="kintoneplugin-table-td">
        {/* A user known only from an assist event may have sent no name: the id still tells the rows apart. */}
        <label for={selectId}>{user.name || user.id}</label>
        {missing ? <span class="fa-note"> {t(language, "usersMissingFrontAgent")}</span> : null}
      </td>
      <td class="kintoneplugin-table-td">{user.email}</td>
      <td class="kintoneplugin-table-td">
        <div class="kintoneplugin-select-outer">
          <div class="kintoneplugin-select">
            <select id={selectId} value={selected} onChange={(e) => onChange(e.currentTarget.value)}>
              <option value="">{t(language, "usersUnmapped")}</option>
              {selectedKnown ? null : (
                <option value={selected}>{t(language, "usersOptionMissing", { code: selected })}</option>
              )}
              {options.map((k) => (
                <option key={k.code} value={k.code}>
                  {label(k)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {suggestion ? (
          <span class="fa-suggestion">
            {t(language, "usersSuggested", { name: suggestion.name, code: suggestion.code })}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
