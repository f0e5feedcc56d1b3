export type ScreenLanguage = "ja" | "en";

const titles: Record<ScreenLanguage, string> = {
  ja: "Front Agent 連携設定",
  en: "Front Agent integration settings",
};

/** The config screen's frame; the sections arrive with the plug-in issue. */
export function ConfigScreen({ language }: { language: ScreenLanguage }) {
  return (
    <section class="settings">
      <h2 class="kintoneplugin-title">{titles[language]}</h2>
    </section>
  );
}
