// The jobs thread's entry when the backend runs from its TypeScript sources (`node --import tsx
// src/main.ts`, as the tests that kill the backend do): on Node 20 a worker thread does not take the
// parent's `--import tsx` loader for a .ts entry, so it registers tsx itself. The bundle (dist/) never
// uses this file.
import { register } from "tsx/esm/api";

register();
await import("./jobs-thread-main.ts");
