import {
  EmulatorClient,
  type RunningEmulator,
  startEmulator,
  templateSeed,
} from "@front-agent/kintone-emulator";
import type { KintoneGateway } from "./gateway.ts";
import { parseAllowedOrigins } from "./origins.ts";
import { createRestGateway } from "./rest-gateway.ts";

/** Test support only: the emulator with the template's apps, and what a test reaches its customer app with. */
export interface CustomerAppEmulator {
  emu: RunningEmulator;
  control: EmulatorClient;
  /** The customer app's id and its first API token. */
  appId: string;
  token: string;
}

/** Starts the emulator seeded by the template with `customers` customer records. */
export async function startCustomerAppEmulator(customers: number): Promise<CustomerAppEmulator> {
  const emu = await startEmulator({ seed: templateSeed({ customers }) });
  const app = emu.seed?.apps.customer;
  return {
    emu,
    control: new EmulatorClient(emu.url),
    appId: app?.appId ?? "",
    token: app?.tokens[0] ?? "",
  };
}

/** The real gateway to the emulated customer app with its token, retries without waiting. */
export function customerAppGateway({ emu, appId, token }: CustomerAppEmulator): KintoneGateway {
  return createRestGateway({
    baseUrl: emu.url,
    tokens: { [appId]: token },
    allowedOrigins: parseAllowedOrigins("http://localhost:*"),
    sleep: async () => {},
  });
}
