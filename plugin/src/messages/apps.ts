import type { Text } from "../i18n.ts";

/** The app pickers, field mapping and checks. */
export const appsMessages = {
  appsHeading: { ja: "アプリとフィールド", en: "Apps and fields" },
  appsHelp: {
    ja: "顧客管理アプリ（このアプリ）と、議事録を書き込む活動履歴アプリのAPIトークンと、各項目に使うフィールドを選びます。一覧にはフォームの設定（「アプリを更新」前の内容を含む）から、その項目に使える種類のフィールドだけが表示されます。",
    en: "Enter the API tokens of the customer app (this app) and of the activity app the minutes are written to, and choose the field for each item. Each list shows only the fields of a type the item can use, as the app's form settings have them (including changes not yet applied with Update App).",
  },
  customerAppHeading: { ja: "顧客管理アプリ", en: "Customer app" },
  activityAppHeading: { ja: "活動履歴アプリ", en: "Activity app" },
  customerAppThis: { ja: "このアプリ: {name}（ID: {appId}）", en: "This app: {name} (ID: {appId})" },
  customerAppId: { ja: "このアプリ（ID: {appId}）", en: "This app (ID: {appId})" },
  activityApp: { ja: "アプリ", en: "App" },
  appChoose: { ja: "— アプリを選択 —", en: "— Choose an app —" },
  appNotListed: {
    ja: "ID: {appId}（一覧にないアプリ）",
    en: "ID: {appId} (not in the list)",
  },
  appsLoading: { ja: "アプリの一覧を読み込み中…", en: "Loading the list of apps…" },
  appsFailed: {
    ja: "アプリの一覧を読み込めませんでした: {reason}",
    en: "The list of apps could not be loaded: {reason}",
  },
  apiToken: { ja: "APIトークン", en: "API token" },
  apiTokenHelp: {
    ja: "必要な権限: レコード閲覧・レコード追加・レコード編集・アプリ管理。トークンを生成・変更したら、そのアプリの設定で「アプリを更新」を押してください。",
    en: 'Permissions needed: View records, Add records, Edit records, Manage app. After generating or changing a token, click "Update App" in that app\'s settings.',
  },
  customerLink: { ja: "商談内容の顧客連携", en: "Link minutes to customers" },
  customerLinkOn: { ja: "あり", en: "On" },
  customerLinkOff: { ja: "なし", en: "Off" },
  customerLinkHelp: {
    ja: "あり: 活動履歴アプリのルックアップで顧客管理アプリのレコードに関連付けます。なし: 会社名と氏名を文字列のフィールドに書き込みます。",
    en: "On: each activity record is linked to its customer record through a lookup. Off: the company and name are written to text fields.",
  },
  fieldUnset: { ja: "— 未設定 —", en: "— Not set —" },
  fieldChoose: { ja: "— フィールドを選択 —", en: "— Choose a field —" },
  fieldReplace: {
    ja: "同じ名前のフィールド「{field}」に置き換える",
    en: 'Use the field with the same name: "{field}"',
  },
  fieldGone: { ja: "{field}（削除/変更されたフィールド）", en: "{field} (deleted or changed field)" },
  tableGroup: { ja: "テーブル「{label}」", en: 'Table "{label}"' },
  required: { ja: "必須", en: "required" },
  formLoading: { ja: "フォームを読み込み中…", en: "Loading the form…" },
  formFailed: {
    ja: "アプリ（ID: {appId}）のフォームを読み込めませんでした: {reason}",
    en: "The form of app {appId} could not be read: {reason}",
  },
  formFailedFix: {
    ja: "アプリが削除されていないこと、このアプリの管理権限があることを確かめて、画面を開き直してください。",
    en: "Make sure the app still exists and that you may manage it, then open this page again.",
  },
  activityAppMissing: { ja: "活動履歴アプリを選んでください。", en: "Choose the activity app." },
  activityAppMissingFix: {
    ja: "議事録を書き込むアプリを一覧から選んでください。",
    en: "Choose the app the minutes are written to from the list.",
  },
  sameApp: {
    ja: "活動履歴アプリに顧客管理アプリ（ID: {appId}）と同じアプリが選ばれています。",
    en: "The activity app is the customer app itself (ID: {appId}).",
  },
  itemRequired: {
    ja: "「{item}」は必須です。フィールドを選んでください。",
    en: '"{item}" is required. Choose a field.',
  },
  nameRequired: {
    ja: "氏名のフィールドを選ぶか、姓と名のフィールドを両方選んでください。",
    en: "Choose the name field, or both the last-name and first-name fields.",
  },
  fieldTwice: {
    ja: "フィールド「{code}」は項目「{other}」にも選ばれています。",
    en: 'The field "{code}" is already chosen for the item "{other}".',
  },
  fieldTwiceFix: {
    ja: "この項目には別のフィールドを選んでください。",
    en: "Choose another field for this item.",
  },
  nameHelp: {
    ja: "姓と名を別々のフィールドに持つアプリでは、氏名を未設定にして姓と名を選びます（「姓 名」の形でつなげます）。",
    en: 'If the app keeps last and first names in separate fields, leave Name unset and choose both (joined as "last first").',
  },
  lookupHelp: {
    ja: "顧客管理アプリのレコード番号をコピー元にするルックアップフィールドだけが表示されます。",
    en: "Only lookup fields are listed; the lookup must take the customer app's record number as its key.",
  },
  itemName: { ja: "氏名", en: "Name" },
  itemLastName: { ja: "姓", en: "Last name" },
  itemFirstName: { ja: "名", en: "First name" },
  itemCompany: { ja: "会社名", en: "Company" },
  itemDepartment: { ja: "部署名", en: "Department" },
  itemEmail: { ja: "メール", en: "E-mail" },
  itemPhone: { ja: "電話", en: "Phone" },
  itemAddress: { ja: "住所", en: "Address" },
  itemRecordNumber: { ja: "レコード番号", en: "Record number" },
  itemCustomerLookup: { ja: "顧客レコード番号（ルックアップ）", en: "Customer record number (lookup)" },
  itemOwner: { ja: "担当者", en: "Owner" },
  itemDatetime: { ja: "対応日時", en: "Date and time" },
  itemTitle: { ja: "件名", en: "Title" },
  itemBody: { ja: "議事録", en: "Minutes" },
  itemLink: { ja: "Front Agentリンク", en: "Front Agent link" },
  itemEventId: { ja: "イベントID", en: "Event ID" },
  checksHeading: { ja: "設定の確認", en: "Settings check" },
  checksCounts: {
    ja: "エラー {errors} 件・警告 {warnings} 件",
    en: "{errors} error(s), {warnings} warning(s)",
  },
  checksNone: { ja: "問題は見つかっていません", en: "No problems found so far" },
  checksErrors: {
    ja: "エラー（直すまで保存できません）",
    en: "Errors (fix them before saving)",
  },
  checksWarnings: { ja: "警告", en: "Warnings" },
  checksPending: { ja: "アプリのフォームを確認しています…", en: "Checking the apps' forms…" },
} satisfies Record<string, Text>;
