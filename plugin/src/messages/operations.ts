import type { Text } from "../i18n.ts";

/** User mapping, options, status and settings transfer. */
export const operationsMessages = {} satisfies Record<string, Text>;
