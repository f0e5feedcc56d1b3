import { kintoneEnv } from "../kintone-env.ts";
import { showOpenButton } from "./button.ts";

// kintone.$PLUGIN_ID is only this plug-in's id while this file first runs (each plug-in script sees its
// own); inside a later event handler it may be another plug-in's, so it is read once here.
const env = kintoneEnv(kintone.$PLUGIN_ID);

kintone.events.on("app.record.detail.show", (event: { recordId: number | string }) => {
  const header = kintone.app.record.getHeaderMenuSpaceElement();
  if (header) void showOpenButton(env, String(event.recordId), header);
  return event;
});
