import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { BackendClient, BackendError } from "../../backend.ts";
import type { KintoneEnv } from "../../kintone-env.ts";
import type { StoredParts } from "../draft.ts";
import { useSettled } from "./use-settled.ts";

/** Where the typed connection key stands. */
export type KeyState =
  | { state: "noUrl" | "noKey" | "typing" | "checking" | "accepted" | "refused" }
  | { state: "failed"; error: unknown };

export interface Connection {
  /** The backend with the key as typed now; null until both a URL and a key are typed. */
  typed: BackendClient | null;
  /** `typed` once the backend accepted its key: the sections that read from the backend wait for it. */
  accepted: BackendClient | null;
  key: KeyState;
  /** The screen opened with a saved backend URL, and the settings stored there are not loaded yet. */
  storedPending: boolean;
  /** They were loaded on this visit. */
  storedLoaded: boolean;
  /** A call with `client` succeeded (接続テスト, a save): its key is good; stored settings still waiting load. */
  accept(client: BackendClient): void;
  /** A call with `client` answered 401. */
  refuse(client: BackendClient): void;
}

/**
 * The connection key is not stored in kintone (issue 12 #3), so the screen knows nothing of the backend
 * until the administrator types it. Once the key stops changing (useSettled: not one call per keystroke) it
 * is tried by reading the stored settings: accepted, they are handed to `onStored` (once per visit, when the
 * screen opened with a saved backend URL) and the backend is given to the sections; refused, nothing loads.
 */
export function useConnection(
  env: KintoneEnv,
  backendUrl: string,
  connectionKey: string,
  savedUrl: boolean,
  onStored: (stored: StoredParts | null) => void,
): Connection {
  const url = backendUrl.trim();
  const key = connectionKey.trim();
  const typed = useMemo(() => (url && key ? new BackendClient(env, url, key) : null), [env, url, key]);
  const settled = useSettled(typed);
  const [outcome, setOutcome] = useState<{ client: BackendClient; key: KeyState } | null>(null);
  const [stored, setStored] = useState<"none" | "pending" | "loaded">(savedUrl ? "pending" : "none");
  const current = useRef(typed);
  current.current = typed;
  const storedNow = useRef(stored);
  const handOver = useRef(onStored);
  handOver.current = onStored;
  // The client whose key is being tried or was accepted: 接続テスト and the settling may both ask.
  const trying = useRef<BackendClient | null>(null);

  const tryKey = useCallback(async (client: BackendClient) => {
    if (trying.current === client) return;
    trying.current = client;
    setOutcome({ client, key: { state: "checking" } });
    try {
      const found = await client.settings<StoredParts>();
      if (client !== current.current) return;
      if (storedNow.current === "pending") {
        storedNow.current = "loaded";
        setStored("loaded");
        handOver.current(found);
      }
      setOutcome({ client, key: { state: "accepted" } });
    } catch (error) {
      if (trying.current === client) trying.current = null;
      const refused = error instanceof BackendError && error.status === 401;
      setOutcome({ client, key: refused ? { state: "refused" } : { state: "failed", error } });
    }
  }, []);

  useEffect(() => {
    if (settled) void tryKey(settled);
  }, [settled, tryKey]);

  const accept = useCallback(
    (client: BackendClient) => {
      if (client !== current.current) return;
      if (storedNow.current === "pending") void tryKey(client);
      else {
        trying.current = client;
        setOutcome({ client, key: { state: "accepted" } });
      }
    },
    [tryKey],
  );
  const refuse = useCallback((client: BackendClient) => {
    if (client !== current.current) return;
    if (trying.current === client) trying.current = null;
    setOutcome({ client, key: { state: "refused" } });
  }, []);

  const state: KeyState = !url
    ? { state: "noUrl" }
    : !key
      ? { state: "noKey" }
      : outcome && outcome.client === typed
        ? outcome.key
        : { state: "typing" };
  return {
    typed,
    accepted: state.state === "accepted" ? typed : null,
    key: state,
    storedPending: stored === "pending",
    storedLoaded: stored === "loaded",
    accept,
    refuse,
  };
}
