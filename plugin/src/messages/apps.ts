import type { Text } from "../i18n.ts";

/** The app pickers, field mapping and checks. */
export const appsMessages = {} satisfies Record<string, Text>;
