import type { ComponentChildren } from "preact";
import { type Dispatch, type StateUpdater, useEffect, useState } from "preact/hooks";

/**
 * What a part of the screen shows while it reads from the backend: nothing to read yet (no connection key),
 * reading, a failure in words, or what was read.
 */
export type Loadable = { state: "idle" | "loading" } | { state: "error"; text: string } | { state: "ready" };

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

/**
 * The row under a table row that opens when asked (理由を表示, 候補を表示): no row while closed, else one
 * cell across the table saying it reads, why it failed, or what `children` make of what was read.
 */
export function OnDemandRow<T>({
  className,
  colSpan,
  load,
  loadingText,
  children,
}: {
  className: string;
  colSpan: number;
  load: OnDemand<T>;
  loadingText: string;
  children: (data: T) => ComponentChildren;
}) {
  if (load.state === "closed") return null;
  return (
    <tr class={className}>
      <td class="kintoneplugin-table-td" colSpan={colSpan}>
        <LoadLines load={load} loadingText={loadingText} />
        {load.state === "ready" ? children(load.data) : null}
      </td>
    </tr>
  );
}

/** The button that opens and closes an OnDemandRow; it waits while the row reads. */
export function OnDemandToggle({
  load,
  className,
  busy = false,
  show,
  hide,
  onToggle,
}: {
  load: OnDemand<unknown>;
  className: string;
  /** The row's owner is busy with something else (e.g. sending). */
  busy?: boolean;
  show: string;
  hide: string;
  onToggle(): void;
}) {
  return (
    <button
      type="button"
      class={className}
      aria-expanded={load.state === "closed" ? "false" : "true"}
      disabled={busy || load.state === "loading"}
      onClick={onToggle}
    >
      {load.state === "closed" ? show : hide}
    </button>
  );
}

/** A part opened on demand and what it read. */
export type OnDemand<T> =
  | { state: "closed" }
  | { state: "loading" }
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

/** A part of a section read when the section shows (and again on refresh). */
export type Read<T> =
  | { state: "idle" | "loading" }
  | { state: "error"; text: string }
  | { state: "ready"; data: T };

/**
 * Reads whenever one of `deps` changes (a refresh bumps a counter among them); idle while `read` is null
 * (no connection key yet). An answer that arrives after a newer read started is dropped, so a slow answer
 * never covers a newer one; a failure becomes the caller's sentence. `keepShown`: a new read keeps what was
 * read on screen until its answer (a polled table does not blink). `onReady` sees each answer as it lands;
 * the setter is for a row the section changed in place.
 */
export function useRead<T>(
  read: (() => Promise<T>) | null,
  failure: (error: unknown) => string,
  deps: readonly unknown[],
  { keepShown = false, onReady }: { keepShown?: boolean; onReady?: (data: T) => void } = {},
): [Read<T>, Dispatch<StateUpdater<Read<T>>>] {
  const [load, setLoad] = useState<Read<T>>({ state: "idle" });
  // `read`, `failure` and `onReady` are new closures on each render; `deps` says what they read.
  useEffect(() => {
    if (!read) {
      setLoad({ state: "idle" });
      return;
    }
    let current = true;
    setLoad((previous) => (keepShown && previous.state === "ready" ? previous : { state: "loading" }));
    read().then(
      (data) => {
        if (!current) return;
        setLoad({ state: "ready", data });
        onReady?.(data);
      },
      (error: unknown) => {
        if (current) setLoad({ state: "error", text: failure(error) });
      },
    );
    return () => {
      current = false;
    };
  }, deps);
  return [load, setLoad];
}
