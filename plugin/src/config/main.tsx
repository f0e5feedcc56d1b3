import { render } from "preact";
import { kintoneEnv } from "../kintone-env.ts";
import { ConfigScreen } from "./ConfigScreen.tsx";

// kintone runs the plug-in's config.js on its config page; the IIFE receives the plug-in id from kintone.
const root = document.getElementById("front-agent-config");
if (root) render(<ConfigScreen env={kintoneEnv(kintone.$PLUGIN_ID)} />, root);
