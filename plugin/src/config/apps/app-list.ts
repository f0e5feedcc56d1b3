import { useEffect, useState } from "preact/hooks";
import type { KintoneEnv } from "../../kintone-env.ts";
import { kintoneErrorText } from "./forms.ts";

export interface AppSummary {
  appId: string;
  name: string;
}

export type AppList =
  | { status: "loading" }
  | { status: "ready"; apps: AppSummary[] }
  | { status: "error"; error: string };

/** apps.json answers at most 100 apps per call (kintone-facts §1.4). */
export const APPS_PAGE = 100;

/** Every app of the domain the logged-in user can see (apps.json takes no API token: the user's session). */
export async function loadApps(env: KintoneEnv): Promise<AppSummary[]> {
  const apps: AppSummary[] = [];
  for (let offset = 0; ; offset += APPS_PAGE) {
    const page = await env.api<{ apps: Array<{ appId: string | number; name: string }> }>(
      "/k/v1/apps.json",
      "GET",
      { limit: APPS_PAGE, offset },
    );
    for (const app of page.apps) apps.push({ appId: String(app.appId), name: app.name });
    if (page.apps.length < APPS_PAGE) return apps;
  }
}

export function useAppList(env: KintoneEnv): AppList {
  const [list, setList] = useState<AppList>({ status: "loading" });
  useEffect(() => {
    let current = true;
    loadApps(env).then(
      (apps) => {
        if (current) setList({ status: "ready", apps });
      },
      (error: unknown) => {
        if (current) setList({ status: "error", error: kintoneErrorText(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [env]);
  return list;
}
