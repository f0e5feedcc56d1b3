/** What the screen or a section says after an action: info while it runs, then how it went. */
export interface Notice {
  kind: "info" | "success" | "error";
  text: string;
}
