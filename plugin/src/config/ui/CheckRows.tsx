import type { Check } from "../../backend.ts";

/** Checks as rows under the control they concern: message, then the fix; errors red, warnings amber. */
export function CheckRows({ id, checks }: { id?: string; checks: readonly Check[] }) {
  if (checks.length === 0) return null;
  return (
    <div id={id} class="fa-checks">
      {checks.map((c) => (
        <p key={c.id} class={`fa-check fa-check-${c.status}`}>
          <CheckText check={c} />
        </p>
      ))}
    </div>
  );
}

/** A check's message, then its fix when it has one. */
export function CheckText({ check }: { check: Check }) {
  return (
    <>
      {check.message}
      {check.fix ? (
        <>
          {" "}
          <span class="fa-fix">{check.fix}</span>
        </>
      ) : null}
    </>
  );
}

/** The problems (not the "ok"s) a control shows: those whose `field` is its settings path. */
export const problemsAt = (checks: readonly Check[], field: string) =>
  checks.filter((c) => c.status !== "ok" && c.field === field);
