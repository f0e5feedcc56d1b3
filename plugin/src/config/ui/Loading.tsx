import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";

/**
 * What a part of the screen shows while it reads from the backend: nothing to read yet (no connection key),
 * reading, a failure in words, or what was read. `closed` is for rows opened on demand (the caller renders
 * no row then); it is here so each caller's own state type fits as it is.
 */
export type Loadable =
  | { state: "idle" | "closed" | "loading" }
  | { state: "error"; text: string }
  | { state: "ready" };

/** The lines before the data arrives: the same words and roles in every section. */
export function LoadLines({
  load,
  loadingText,
  idleText,
}: {
  load: Loadable;
  loadingText: string;
  /** Shown while there is nothing to read (e.g. the connection key is not typed yet). */
  idleText?: string;
}) {
  return (
    <>
      {load.state === "idle" && idleText ? <p class="kintoneplugin-desc">{idleText}</p> : null}
      {load.state === "loading" ? (
        <p class="kintoneplugin-desc" aria-live="polite">
          {loadingText}
        </p>
      ) : null}
      {load.state === "error" ? (
        <p class="fa-check fa-check-error" role="alert">
          {load.text}
        </p>
      ) : null}
    </>
  );
}

/** The row under a table row that opens when asked (理由を表示, 候補を表示): one cell across the table. */
export function OnDemandRow({
  className,
  colSpan,
  load,
  loadingText,
  children,
}: {
  className: string;
  colSpan: number;
  load: Loadable;
  loadingText: string;
  /** Shown once `load` is ready. */
  children: ComponentChildren;
}) {
  return (
    <tr class={className}>
      <td class="kintoneplugin-table-td" colSpan={colSpan}>
        <LoadLines load={load} loadingText={loadingText} />
        {load.state === "ready" ? children : null}
      </td>
    </tr>
  );
}

/** A part opened on demand and what it read. */
export type OnDemand<T> =
  | { state: "closed" | "loading" }
  | { state: "error"; text: string }
  | { state: "ready"; data: T };

/**
 * Open/close of a part read on demand (理由を表示, 候補を表示): opening reads, closing forgets, a failure
 * becomes the caller's sentence. `close` is also for the caller (e.g. after acting on what was shown).
 */
export function useOnDemand<T>(read: () => Promise<T>, failure: (error: unknown) => string) {
  const [load, setLoad] = useState<OnDemand<T>>({ state: "closed" });
  const close = () => setLoad({ state: "closed" });
  const toggle = async () => {
    if (load.state !== "closed") {
      close();
      return;
    }
    setLoad({ state: "loading" });
    try {
      setLoad({ state: "ready", data: await read() });
    } catch (error) {
      setLoad({ state: "error", text: failure(error) });
    }
  };
  return { load, toggle, close };
}
