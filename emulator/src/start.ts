import type { AddressInfo } from "node:net";
import { applySeed, type SeedResult, type SeedSpec } from "./control/seed.ts";
import { FaultInjector, RequestStats } from "./http/observe.ts";
import { createEmulatorServer, type EmulatorState } from "./http/server.ts";
import { Domain } from "./model/domain.ts";

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: SeedSpec;
}

export interface RunningEmulator {
  /**
   * `http://localhost:PORT`. The official kintone client accepts plain http only for the host
   * `localhost` (toolchain notes), so this is the base URL to configure clients with.
   */
  url: string;
  port: number;
  seed: SeedResult | null;
  close(): Promise<void>;
}

/** Starts a kintone emulator on loopback (127.0.0.1, and ::1 where localhost may resolve to it). */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const state: EmulatorState = {
    domain: new Domain(),
    stats: new RequestStats(),
    faults: new FaultInjector(),
  };
  const seed = options.seed ? applySeed(state.domain, options.seed) : null;
  const v4 = createEmulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    v4.once("error", reject);
    v4.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = v4.address() as AddressInfo;
  // Node may resolve `localhost` to ::1 first; answer there too when the machine has IPv6 loopback.
  const v6 = createEmulatorServer(state);
  const v6Listening = await new Promise<boolean>((resolve) => {
    v6.once("error", () => resolve(false));
    v6.listen(port, "::1", () => resolve(true));
  });
  const servers = v6Listening ? [v4, v6] : [v4];
  return {
    url: `http://localhost:${port}`,
    port,
    seed,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
