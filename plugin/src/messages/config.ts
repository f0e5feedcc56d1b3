import type { Text } from "../i18n.ts";

/** The config screen's words (the frame, the connection and saving; the sections add theirs below). */
export const configMessages = {
  title: { ja: "Front Agent 連携設定", en: "Front Agent integration settings" },
  loadFailed: {
    ja: "保存済みの設定を読み込めませんでした: {reason}",
    en: "The saved settings could not be loaded: {reason}",
  },
  connectionHeading: { ja: "接続", en: "Connection" },
  connectionHelp: {
    ja: "Front Agent 連携バックエンドのURLと、運用担当者から受け取った接続キーを入力します。",
    en: "Enter the Front Agent integration backend's URL and the connection key your operator gave you.",
  },
  backendUrl: { ja: "バックエンドのURL", en: "Backend URL" },
  connectionKey: { ja: "接続キー", en: "Connection key" },
  connectionKeyHelp: {
    ja: "接続キーはこの画面を開くたびに入力します。kintone には保存しません（レコード画面の利用者が設定を変えられないようにするため）。",
    en: "Type the connection key each time you open this screen. It is not stored in kintone, so that users of the record pages cannot change the settings.",
  },
  keyNeededToLoad: {
    ja: "保存済みの設定を読み込むには、接続キーを入力してください。",
    en: "Type the connection key to load the saved settings.",
  },
  keyChecking: { ja: "接続キーを確認しています…", en: "Checking the connection key…" },
  storedLoaded: { ja: "保存済みの設定を読み込みました。", en: "The saved settings were loaded." },
  frontAgentUrl: { ja: "Front Agent のURL", en: "Front Agent URL" },
  secretSet: { ja: "設定済み（変更するときだけ入力）", en: "Set (type only to change it)" },
  connectionTest: { ja: "接続テスト", en: "Test connection" },
  connectionOk: {
    ja: "接続できました。連携済みの顧客 {linked} 件 / {total} 件",
    en: "Connected. {linked} of {total} customers linked.",
  },
  connectionKeyRefused: {
    ja: "接続キーが受け付けられませんでした。運用担当者から受け取ったキーをそのまま貼り付けてください。",
    en: "The connection key was not accepted. Paste the key exactly as your operator gave it.",
  },
  backendUnreachable: {
    ja: "バックエンドに接続できません（HTTP {status}）。URLと、バックエンドがインターネットから届くことを確認してください。",
    en: "The backend cannot be reached (HTTP {status}). Check the URL and that the backend is reachable from the internet.",
  },
  save: { ja: "保存", en: "Save" },
  validate: { ja: "設定を確認", en: "Check settings" },
  validating: { ja: "kintone で設定を確認しています…", en: "Checking the settings against kintone…" },
  validateOk: {
    ja: "APIトークンの権限とフォームを確認しました。問題はありません。",
    en: "The API tokens' permissions and the forms were checked: no problem found.",
  },
  validateWarnings: {
    ja: "APIトークンの権限とフォームを確認しました。保存できます。警告が {count} 件あります（橙の項目）。",
    en: "The API tokens' permissions and the forms were checked: the settings can be saved, with {count} warning(s) (the items in orange).",
  },
  validateErrors: {
    ja: "{count} 件の問題が見つかりました。赤い項目を確認してください。",
    en: "{count} problem(s) found. See the items in red.",
  },
  cancel: { ja: "キャンセル", en: "Cancel" },
  saving: { ja: "保存しています…", en: "Saving…" },
  saved: {
    ja: "保存しました。アプリの設定画面で「アプリを更新」を押すと反映されます。",
    en: 'Saved. Click "Update App" in the app settings to apply it.',
  },
  saveBlocked: {
    ja: "赤い項目を直してから保存してください。",
    en: "Fix the items in red before saving.",
  },
  saveRefused: {
    ja: "バックエンドが設定を受け付けませんでした。赤い項目を確認してください。",
    en: "The backend refused the settings. See the items in red.",
  },
  needBackend: {
    ja: "バックエンドのURLを入力してください。",
    en: "Enter the backend URL.",
  },
  needKey: {
    ja: "接続キーを入力してください。",
    en: "Type the connection key.",
  },
  saveNeedsStored: {
    ja: "保存済みの設定を読み込んでから保存します。接続キーを入力し、読み込みが終わるのを待ってください。",
    en: "The saved settings must be loaded before saving: type the connection key and wait until they are loaded.",
  },
} satisfies Record<string, Text>;
