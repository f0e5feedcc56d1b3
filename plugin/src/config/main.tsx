import { render } from "preact";
import { ConfigScreen } from "./ConfigScreen.tsx";

const root = document.getElementById("front-agent-config");
if (root) {
  render(<ConfigScreen language={kintone.getLoginUser().language === "en" ? "en" : "ja"} />, root);
}
