/**
 * The one message catalogue: every user-facing text, keyed by a stable error code, in Japanese and English.
 * `satisfies` makes a code without both languages a compile error. `{name}` marks a parameter filled by
 * `formatMessage`; both languages must use the same ones (tested).
 */
import { checkMessages } from "./check-messages.ts";
import { startupMessages } from "./startup-messages.ts";

export type Language = "ja" | "en";

export interface Message {
  ja: string;
  en: string;
}

const serverMessages = {
  NOT_FOUND: { ja: "見つかりません。", en: "Not found." },
  NOT_READY: {
    ja: "データベースに接続できません。しばらくしてから再度お試しください。",
    en: "The database does not answer. Please try again later.",
  },
  STARTING: {
    ja: "バックエンドを起動しています。しばらくしてから再度お試しください。",
    en: "The backend is starting. Please try again shortly.",
  },
  INTERNAL: {
    ja: "サーバー内部でエラーが発生しました。",
    en: "An internal server error occurred.",
  },
} as const satisfies Record<string, Message>;

/** What the backend answers with, in the API.md envelope. */
const apiMessages = {
  UNAUTHORIZED: {
    ja: "認証情報がないか、正しくありません。発行されたキーまたはトークンを確認してください。",
    en: "Credentials are missing or wrong. Check the key or token you were issued.",
  },
  FORBIDDEN: { ja: "この操作は許可されていません。", en: "This operation is not allowed." },
  SIGNATURE_INVALID: {
    ja: "署名が正しくないか、5分以上前に作成されたものです。",
    en: "The signature is wrong, or it was made more than 5 minutes ago.",
  },
  INVALID_JSON: {
    ja: "リクエスト本文が正しい JSON ではありません。",
    en: "The request body is not valid JSON.",
  },
  INVALID_PARAMETER: {
    ja: "パラメーター「{name}」の値が正しくありません。",
    en: 'The parameter "{name}" has an invalid value.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    ja: "本文は JSON（Content-Type: application/json）で送ってください。",
    en: "Send the body as JSON (Content-Type: application/json).",
  },
  PAYLOAD_TOO_LARGE: {
    ja: "リクエスト本文が大きすぎます（上限は 1 MiB です）。",
    en: "The request body is too large (the limit is 1 MiB).",
  },
  VALIDATION_FAILED: {
    ja: "入力内容に誤りがあります。details に項目ごとの理由があります。",
    en: "The request did not pass validation. details lists the reason for each item.",
  },
  // The two issues of an assist event that names its customer by an id alone, an id the backend lacks.
  EVENT_CUSTOMER_UNKNOWN: {
    ja: "顧客 ID「{customerId}」の顧客はバックエンドに登録されていません。",
    en: 'No customer with the ID "{customerId}" is registered in the backend.',
  },
  EVENT_CUSTOMER_NAME_REQUIRED: {
    ja: "バックエンドに登録されていない顧客 ID で送るときは、顧客名（customer.name）か会社名（customer.company）を入れてください。",
    en: "When the customer ID is not registered in the backend, give the customer's name (customer.name) or company (customer.company).",
  },
  SETTINGS_INVALID: {
    ja: "設定に修正が必要な項目があるため、保存しませんでした。各項目の対処方法を確認してください。",
    en: "The settings were not saved because some items need fixing. Each item says how to fix it.",
  },
  SETTINGS_NOT_FOUND: {
    ja: "設定がまだ保存されていません。プラグインの設定画面で保存してください。",
    en: "No settings have been saved yet. Save them in the plug-in settings screen.",
  },
  TENANT_NOT_FOUND: { ja: "テナントが見つかりません。", en: "The tenant was not found." },
  CUSTOMER_NOT_FOUND: { ja: "顧客が見つかりません。", en: "The customer was not found." },
  CUSTOMER_NOT_LINKED: {
    ja: "このレコードに連携している Front Agent の顧客はありません。",
    en: "No Front Agent customer is linked to this record.",
  },
  EXPORT_NOT_FOUND: { ja: "議事録の書き込みが見つかりません。", en: "The export was not found." },
  EXPORT_ALREADY_WRITTEN: {
    ja: "この議事録はすでに kintone に書き込まれています。",
    en: "These minutes have already been written to kintone.",
  },
  KINTONE_ORIGIN_NOT_ALLOWED: {
    ja: "kintone の URL「{url}」は接続先として許可されていません。",
    en: 'The kintone URL "{url}" is not an allowed destination.',
  },
  KINTONE_UNAVAILABLE: {
    ja: "kintone に接続できませんでした。しばらくしてから再度お試しください。",
    en: "kintone could not be reached. Please try again later.",
  },
  KINTONE_REDIRECT: {
    ja: "kintone の URL が別の URL への転送（リダイレクト）を返しました。API トークンを転送先に渡さないよう、バックエンドは転送に従いません。kintone の URL と、その間にあるプロキシーの設定を確認してください（設定画面の「設定を確認」で詳しく確かめられます）。",
    en: 'The kintone address answered with a redirect to another address. So that the API tokens never go anywhere else, the backend does not follow redirects. Check the kintone address and any proxy in between ("Check settings" on the settings screen says more).',
  },
  KINTONE_RATE_LIMITED: {
    ja: "kintone の利用上限（同時リクエスト数または1日のリクエスト数）に達しました。時間をおいて再度お試しください。",
    en: "kintone's request limit (concurrent or daily) was reached. Please try again later.",
  },
  KINTONE_AUTH_FAILED: {
    ja: "kintone が API トークンを受け付けませんでした。プラグインの設定画面で「設定を確認」を押してください。",
    en: 'kintone refused the API token. Click "Check settings" in the plug-in settings screen.',
  },
  // A failed import run's code (services/import/failure-code.ts): the token is accepted but may not do this.
  KINTONE_PERMISSION_DENIED: {
    ja: "API トークンの権限が足りません（レコード閲覧・追加・編集・アプリ管理）。プラグインの設定画面で「設定を確認」を押してください。",
    en: 'The API token lacks a permission (view, add or edit records; manage app). Click "Check settings" in the plug-in settings screen.',
  },
  IMPORT_ALREADY_RUNNING: {
    ja: "取り込みを実行中です。終わってから再度お試しください。",
    en: "An import is already running. Please try again when it has finished.",
  },
  ADMIN_API_DISABLED: {
    ja: "管理 API は無効です（ADMIN_TOKEN が設定されていません）。CLI を使うか、ADMIN_TOKEN を設定してください。",
    en: "The admin API is off (ADMIN_TOKEN is not set). Use the CLI, or set ADMIN_TOKEN.",
  },
} as const satisfies Record<string, Message>;

/** Why an import skipped a record (SPEC I1, I12): shown in the run history. */
const importMessages = {
  NO_NAME_OR_COMPANY: {
    ja: "顧客名と会社名がどちらも空のため、取り込みませんでした。",
    en: "Not imported: both the customer name and the company are empty.",
  },
  // Why a whole run failed (the run's `error`), beyond kintone's own refusals: each says what to fix.
  IMPORT_TOKEN_UNREADABLE: {
    ja: "保存されている API トークンを復号できないため、取り込めませんでした（バックエンドの SECRET_KEY が、設定を保存したときと異なります）。運用担当者に元の SECRET_KEY（または secret.key）に戻してもらうか、プラグインの設定画面で API トークンを入力し直して保存してから、もう一度同期してください。",
    en: "Not imported: the stored API tokens cannot be decrypted (the backend's SECRET_KEY is not the one used when the settings were saved). Ask your operator to restore the original SECRET_KEY (or secret.key), or enter the API tokens again in the plug-in settings screen and save, then sync again.",
  },
  IMPORT_INTERRUPTED: {
    ja: "取り込みが途中で止まり、再開できなかったため、失敗として終了しました。もう一度同期してください。",
    en: "The import stopped and could not be resumed, so it was ended as failed. Sync again.",
  },
  IMPORT_FULL_SYNC_OVER_BUDGET: {
    ja: "全件同期に必要な kintone のリクエスト数が、この連携が1日に使える件数（1日の上限の8割）を超えるため、全件同期を行いませんでした。kintone の上限が大きいコース（ワイドコース）なら、バックエンドの運用者に KINTONE_DAILY_LIMIT の変更を依頼してください。そうでなければ、オプションの全件同期の間隔を 0（行わない）にしてください。",
    en: "The full sync was not run: it needs more kintone requests than this integration may use in a day (80% of the daily limit). If your kintone has a higher limit (Wide Course), ask the backend operator to set KINTONE_DAILY_LIMIT; otherwise set the full sync interval option to 0 (off).",
  },
} as const satisfies Record<string, Message>;

/**
 * Why a minutes export was skipped, waits or failed (SPEC E3–E5): shown as the export's `reason` and in the
 * run history, each with what to do about it.
 */
const exportMessages = {
  EXPORT_NO_CUSTOMER_MATCH: {
    ja: "顧客管理アプリに該当する顧客が見つからず、顧客の自動登録がオフのため、kintone に書き込みませんでした。CRM候補検索で顧客を連携するか、自動登録をオンにしてから再送してください。",
    en: "Not written to kintone: no matching customer was found in the customer app, and automatic customer registration is off. Link the customer through the CRM candidate search, or turn automatic registration on, then retry.",
  },
  EXPORT_NEEDS_REVIEW: {
    ja: "顧客管理アプリに該当しそうな顧客が複数見つかったため（レコード番号 {records}）、書き込みを保留しています（要確認）。CRM候補検索で正しい顧客を連携すると、書き込まれます。",
    en: "On hold: several customers in the customer app could be the one (record numbers {records}). Link the right customer through the CRM candidate search and the minutes will be written.",
  },
  EXPORT_NEEDS_REVIEW_NAME_TAKEN: {
    ja: "顧客名「{name}」は顧客管理アプリにすでに別の会社の顧客として登録されています（レコード番号 {records}、会社名「{heldCompany}」）。会社名「{company}」の顧客と同じ人か判断できないため、既存のレコードは変更せず、書き込みを保留しています（要確認）。同じ人なら CRM候補検索でそのレコードを連携してください。別の人なら、顧客管理アプリで顧客名を区別できる形（例: 「{name}（{company}）」）で登録してから連携してください。",
    en: 'The customer name "{name}" is already in the customer app at another company (record numbers {records}, company "{heldCompany}"). Whether it is the same person as the one at "{company}" cannot be told, so the existing record was left unchanged and the minutes are on hold. If it is the same person, link that record through the CRM candidate search; if not, add the customer in the customer app under a name that tells them apart (e.g. "{name} ({company})"), then link it.',
  },
  EXPORT_USER_NOT_MAPPED: {
    ja: "担当者は必須項目ですが、この会議の Front Agent ユーザーが kintone のユーザーに対応付けられていません。ユーザー連携で対応付けると、自動で再送されます。",
    en: "The person in charge is a required field, but the meeting's Front Agent user is not mapped to a kintone user. Map the user in User mapping and the minutes will be sent again.",
  },
  EXPORT_USER_NOT_MAPPED_WARNING: {
    ja: "この会議の Front Agent ユーザーが kintone のユーザーに対応付けられていないため、担当者を空欄で書き込みました。ユーザー連携で対応付けてください。",
    en: "The meeting's Front Agent user is not mapped to a kintone user, so the person in charge was left empty. Map the user in User mapping.",
  },
  CUSTOMER_ALREADY_LINKED: {
    ja: "この kintone の顧客レコードは、すでに別の Front Agent の顧客と連携しています。",
    en: "This kintone customer record is already linked to another Front Agent customer.",
  },
  EXPORT_KINTONE_REJECTED: {
    ja: "kintone がレコードを受け付けませんでした（{kintoneCode}: {detail}）。活動履歴アプリのフィールドと設定を確認して修正してから、再送してください。",
    en: "kintone refused the record ({kintoneCode}: {detail}). Check and fix the activity app's fields and the settings, then retry.",
  },
  EXPORT_DEFERRED_DAILY_LIMIT: {
    ja: "kintone の1日のリクエスト数の上限に近いため、{time} に書き込みます。操作は不要です。",
    en: "kintone's daily request limit is nearly used up, so these minutes will be written at {time}. Nothing needs to be done.",
  },
  EXPORT_LOOKUP_TARGET_MISSING: {
    ja: "連携している顧客レコードが顧客管理アプリにありません（削除された可能性があります）。CRM候補検索で顧客を連携し直してから、再送してください。",
    en: "The linked customer record is no longer in the customer app (it may have been deleted). Link the customer again through the CRM candidate search, then retry.",
  },
} as const satisfies Record<string, Message>;

/**
 * The administrator's words for an export (GET /v1/kintone/exports, the plug-in's 議事録の書き込み): `reason`
 * says what happened, `…_FIX` what the administrator can do from the plug-in's settings screen (再送, the
 * candidates, ユーザー連携, オプション). Front Agent's users keep reading the EXPORT_* texts above.
 */
const exportAdminMessages = {
  EXPORT_NOT_IN_REVIEW: {
    ja: "この議事録は要確認（顧客の確認待ち）ではないため、顧客を選んで連携することはできません。",
    en: "These minutes are not waiting for a customer to be chosen (needs review), so no customer can be linked to them here.",
  },
  EXPORT_ADMIN_REVIEW: {
    ja: "どの顧客レコードに書き込むか判断できないため、書き込みを保留しています。",
    en: "Which customer record to write to cannot be told, so the minutes are on hold.",
  },
  EXPORT_ADMIN_REVIEW_SEVERAL: {
    ja: "顧客管理アプリに、この顧客に当てはまりそうなレコードが複数あります（レコード番号 {records}）。どれに書き込むか判断できないため、書き込みを保留しています。",
    en: "Several records of the customer app could be this customer (record numbers {records}). Which one to write to cannot be told, so the minutes are on hold.",
  },
  EXPORT_ADMIN_REVIEW_FIX: {
    ja: "下の候補から正しい顧客レコードを選んで連携すると、書き込まれます。",
    en: "Choose the right customer record from the candidates below and link it: the minutes are then written.",
  },
  EXPORT_ADMIN_REVIEW_NAME_TAKEN: {
    ja: "顧客名「{name}」は、顧客管理アプリに別の会社の顧客として登録されています（レコード番号 {records}、会社名「{heldCompany}」）。会社名「{company}」の顧客と同じ人か判断できないため、書き込みを保留しています。",
    en: 'The customer name "{name}" is in the customer app at another company (record numbers {records}, company "{heldCompany}"). Whether it is the same person as the one at "{company}" cannot be told, so the minutes are on hold.',
  },
  EXPORT_ADMIN_REVIEW_NAME_TAKEN_FIX: {
    ja: "同じ人なら、下の候補からそのレコードを選んで連携すると、書き込まれます。別の人なら、顧客管理アプリに区別できる顧客名（例: 「{name}（{company}）」）で登録してから、候補を表示し直してそのレコードを連携してください。",
    en: 'If it is the same person, choose that record from the candidates below and link it: the minutes are then written. If not, add the customer to the customer app under a name that tells them apart (e.g. "{name} ({company})"), then show the candidates again and link that record.',
  },
  EXPORT_ADMIN_NO_MATCH: {
    ja: "顧客管理アプリにこの顧客が見つからず、顧客の自動登録がオフのため、書き込みませんでした。",
    en: "Not written: this customer was not found in the customer app, and automatic customer registration is off.",
  },
  EXPORT_ADMIN_NO_MATCH_FIX: {
    ja: "オプションの「顧客アプリに無い顧客を自動で登録する」をオンにして保存してから、再送してください。自動登録を使わない場合は、顧客管理アプリにこの顧客を登録してから再送すると、そのレコードに書き込まれます。",
    en: 'Turn on "Register customers missing from the customer app" in Options and save, then retry. Without automatic registration, add this customer to the customer app, then retry: the minutes are written to that record.',
  },
  EXPORT_ADMIN_USER_NOT_MAPPED: {
    ja: "活動履歴アプリの担当者は必須ですが、Front Agent のユーザー「{user}」が kintone のユーザーに対応付けられていないため、書き込めませんでした。",
    en: 'Not written: the person in charge is required in the activity app, but the Front Agent user "{user}" is not mapped to a kintone user.',
  },
  EXPORT_ADMIN_USER_NOT_MAPPED_FIX: {
    ja: "「ユーザー連携」で「{user}」を kintone のユーザーに対応付けて保存すると、自動で再送されます。",
    en: 'Map "{user}" to a kintone user in User mapping and save: the minutes are then sent again on their own.',
  },
  EXPORT_ADMIN_WRITTEN_NO_OWNER: {
    ja: "Front Agent のユーザー「{user}」が kintone のユーザーに対応付けられていないため、担当者を空欄で書き込みました。",
    en: 'Written with the person in charge left empty: the Front Agent user "{user}" is not mapped to a kintone user.',
  },
  EXPORT_ADMIN_WRITTEN_NO_OWNER_FIX: {
    ja: "「ユーザー連携」で「{user}」を対応付けて保存すると、これから書き込む議事録には担当者が入ります（書き込み済みのレコードは変わりません）。",
    en: 'Map "{user}" in User mapping and save: minutes written from then on get the person in charge (records already written do not change).',
  },
  EXPORT_ADMIN_REJECTED: {
    ja: "kintone が活動履歴アプリへのレコードの追加を受け付けませんでした（{kintoneCode}: {detail}）。",
    en: "kintone refused to add the record to the activity app ({kintoneCode}: {detail}).",
  },
  EXPORT_ADMIN_REJECTED_FIX: {
    ja: "kintone で活動履歴アプリのフィールドの設定（必須、値の重複の禁止、文字数の上限など）を確認して直し、この画面の「設定を確認」で問題がないことを確かめてから、再送してください。",
    en: 'Check and fix the activity app\'s fields in kintone (required, unique values, length limits and so on), make sure "Check settings" on this screen finds no problem, then retry.',
  },
  EXPORT_ADMIN_LOOKUP_MISSING: {
    ja: "この顧客と連携している顧客レコードが、顧客管理アプリにありません（削除された可能性があります）。",
    en: "The customer record this customer is linked to is no longer in the customer app (it may have been deleted).",
  },
  EXPORT_ADMIN_LOOKUP_MISSING_FIX: {
    ja: "「全件同期」を実行すると、削除されたレコードとの連携が外れます。そのあと再送すると、顧客管理アプリから顧客を探し直して書き込みます。",
    en: "Run a full sync: it removes the links to deleted records. Then retry, and the customer is looked for again in the customer app.",
  },
  EXPORT_ADMIN_REDIRECT: {
    ja: "kintone の URL が別の URL への転送（リダイレクト）を返したため、書き込めませんでした。",
    en: "Not written: the kintone address answered with a redirect to another address.",
  },
  EXPORT_ADMIN_REDIRECT_FIX: {
    ja: "設定の kintone の URL と、その間にあるプロキシーの設定を確認し、「設定を確認」で問題がないことを確かめてから、再送してください。",
    en: 'Check the kintone address in the settings and any proxy in between, make sure "Check settings" finds no problem, then retry.',
  },
  EXPORT_ADMIN_NOT_WRITTEN: {
    ja: "書き込めませんでした（{code}）。",
    en: "Not written ({code}).",
  },
  EXPORT_ADMIN_NOT_WRITTEN_FIX: {
    ja: "再送してください。同じ理由でまた書き込めない場合は、運用者に連絡してください。",
    en: "Retry. If it is not written again for the same reason, contact your operator.",
  },
  EXPORT_ADMIN_DEFERRED: {
    ja: "kintone の1日のリクエスト数の上限に近いため、書き込みを次の日に回しています。",
    en: "kintone's daily request limit is nearly used up, so the minutes wait for the next day.",
  },
  EXPORT_ADMIN_DEFERRED_FIX: {
    ja: "操作は不要です。{time} に書き込みます。",
    en: "Nothing needs to be done: they are written at {time}.",
  },
} as const satisfies Record<string, Message>;

/** Cross-field settings rules (the zod issues carry the code in `params.messageCode`). */
const settingsMessages = {
  SETTINGS_FIELD_REQUIRED: {
    ja: "この項目は必須です。フィールドを選んでください。",
    en: "This item is required. Choose a field.",
  },
  SETTINGS_NAME_REQUIRED: {
    ja: "氏名のフィールドを選ぶか、姓と名のフィールドを両方選んでください。",
    en: "Choose the name field, or both the last-name and first-name fields.",
  },
  SETTINGS_FIELD_MAPPED_TWICE: {
    ja: "フィールド「{code}」が複数の項目に選ばれています。1つの項目にだけ選んでください。",
    en: 'The field "{code}" is chosen for more than one item. Choose it for one item only.',
  },
  SETTINGS_SAME_APP: {
    ja: "顧客管理アプリと活動履歴アプリに同じアプリ（ID: {appId}）が選ばれています。別々のアプリを選んでください。",
    en: "The customer app and the activity app are the same app (ID: {appId}). Choose two different apps.",
  },
  SETTINGS_USER_MAPPED_TWICE: {
    ja: "Front Agent のユーザー「{userId}」が複数回対応付けられています。1回だけにしてください。",
    en: 'The Front Agent user "{userId}" is mapped more than once. Map it once only.',
  },
  SETTINGS_FIELD_CODE_INVALID: {
    ja: "フィールドコード「{code}」には使えない文字（空白・引用符・括弧・カンマ・演算子）が含まれています。",
    en: 'The field code "{code}" contains a character that cannot be used (space, quote, parenthesis, comma or operator).',
  },
} as const satisfies Record<string, Message>;

export const messages = {
  ...serverMessages,
  ...apiMessages,
  ...importMessages,
  ...exportMessages,
  ...exportAdminMessages,
  ...settingsMessages,
  ...checkMessages,
  ...startupMessages,
} as const satisfies Record<string, Message>;

export type ErrorCode = keyof typeof messages;

/** The raw text, placeholders included; use `formatMessage` for texts with parameters. */
export function messageFor(code: ErrorCode, language: Language): string {
  return messages[code][language];
}
