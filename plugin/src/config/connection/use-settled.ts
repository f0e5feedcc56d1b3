import { useEffect, useState } from "preact/hooks";

/**
 * The value once it stopped changing for `delayMs`; the first value at once. The screen makes a new
 * BackendClient on every keystroke in the URL and key fields, and trying each key would start a proxy call.
 */
export function useSettled<T>(value: T, delayMs = 500): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(() => value), delayMs);
    return () => clearTimeout(timer);
  }, [value, settled, delayMs]);
  return settled;
}
