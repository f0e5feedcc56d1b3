import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { threadId } from "node:worker_threads";

/**
 * Who holds a lease: this process (and thread) on this machine, with a random part so a restarted process
 * with the same pid is not mistaken for its predecessor. Shown to operators in the leases table.
 */
export function leaseHolder(): string {
  return `${hostname()}:${process.pid}:${threadId}:${randomUUID().slice(0, 8)}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
