import { showOpenButton } from "../desktop/button.ts";
import { type KintoneEnv, kintoneEnv } from "../kintone-env.ts";

// Read once while this file first runs: later, in an event handler, it may be another plug-in's id.
const desktopEnv = kintoneEnv(kintone.$PLUGIN_ID);
// kintone.app belongs to the desktop screens; on kintone mobile the app is kintone.mobile.app.
const env: KintoneEnv = {
  ...desktopEnv,
  appId: () => {
    const id = kintone.mobile.app.getId();
    return id === null ? null : String(id);
  },
};

kintone.events.on("mobile.app.record.detail.show", (event: { recordId: number | string }) => {
  const space = kintone.mobile.app.getHeaderSpaceElement();
  if (space) void showOpenButton(env, String(event.recordId), space);
  return event;
});
