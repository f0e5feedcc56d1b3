import type { Text } from "../i18n.ts";

/** User mapping, options, status and settings transfer. */
export const operationsMessages = {
  // ユーザー連携 (SPEC S8)
  usersHeading: { ja: "ユーザー連携", en: "User mapping" },
  usersHelp: {
    ja: "Front Agent のユーザーごとに、議事録の担当者にする kintone のユーザーを選びます。kintone のユーザー一覧はログイン中のあなたの権限で読み込むため、kintone のパスワードは不要です（2段階認証を有効にしたままで使えます）。",
    en: "For each Front Agent user, pick the kintone user who becomes the owner of their minutes. The kintone user list is read with your own login, so no kintone password is needed (two-factor authentication can stay on).",
  },
  usersNeedBackend: {
    ja: "バックエンドのURLと接続キーを入力すると、Front Agent のユーザーが表示されます。",
    en: "Enter the backend URL and the connection key to see the Front Agent users.",
  },
  usersLoading: { ja: "ユーザーを読み込んでいます…", en: "Loading users…" },
  usersFrontAgentFailed: {
    ja: "Front Agent のユーザーを読み込めませんでした: {reason}",
    en: "The Front Agent users could not be loaded: {reason}",
  },
  usersKintoneFailed: {
    ja: "kintone のユーザー一覧を読み込めませんでした: {reason}",
    en: "The kintone user list could not be loaded: {reason}",
  },
  usersNone: {
    ja: "Front Agent のユーザーがまだいません。Front Agent でユーザーが登録されると、ここに表示されます。",
    en: "There are no Front Agent users yet. They appear here once they are registered in Front Agent.",
  },
  usersReload: { ja: "再読み込み", en: "Reload" },
  usersFrontAgentColumn: { ja: "Front Agent のユーザー", en: "Front Agent user" },
  usersEmailColumn: { ja: "メールアドレス", en: "E-mail" },
  usersKintoneColumn: { ja: "kintone のユーザー", en: "kintone user" },
  usersUnmapped: { ja: "— 未連携 —", en: "— Not mapped —" },
  usersOption: { ja: "{name} ({code})", en: "{name} ({code})" },
  usersOptionSuggested: { ja: "{name} ({code}) — 提案", en: "{name} ({code}) — suggested" },
  usersOptionInvalid: { ja: "{name} ({code}) — 停止中", en: "{name} ({code}) — inactive" },
  usersOptionMissing: { ja: "{code} — kintone に見つかりません", en: "{code} — not found in kintone" },
  usersSuggested: {
    ja: "提案: {name} ({code})（メールアドレスが一致）",
    en: "Suggested: {name} ({code}) (same e-mail)",
  },
  usersMissingFrontAgent: {
    ja: "Front Agent に見つかりません",
    en: "Not found in Front Agent",
  },
  usersApplySuggestions: {
    ja: "メールアドレスで提案を適用（{count} 件）",
    en: "Apply the e-mail suggestions ({count})",
  },
  usersSummary: {
    ja: "{mapped} 人 / {total} 人を連携済み",
    en: "{mapped} of {total} users mapped",
  },

  // オプション (SPEC S9, I9)
  optionsHeading: { ja: "オプション", en: "Options" },
  optionsAutoRegister: {
    ja: "顧客アプリに無い顧客を自動で登録する",
    en: "Register customers missing from the customer app",
  },
  optionsAutoRegisterHelp: {
    ja: "オフにすると、顧客アプリで見つからない顧客の議事録は書き込まれず、「スキップ」として記録されます。",
    en: "When off, minutes of a customer not found in the customer app are not written and are recorded as skipped.",
  },
  optionsWindowDays: { ja: "最初の取り込みの対象期間（日）", en: "First import: days back" },
  optionsMaxRecords: { ja: "最初の取り込みの上限（件）", en: "First import: at most (records)" },
  optionsIntervalHours: { ja: "同期の間隔（時間）", en: "Sync interval (hours)" },
  optionsFullSyncDays: { ja: "全件同期の間隔（日）", en: "Full sync interval (days)" },
  optionsFullSyncHelp: {
    ja: "0 でオフ。この間隔で顧客管理アプリのすべてのレコードを読み直し、取り込まれていないレコードを取り込み、kintone で削除されたレコードの顧客の連携を外します。",
    en: "0 turns it off. At this interval every record of the customer app is read again: records not imported yet are imported, and customers whose record was deleted in kintone are unlinked.",
  },
  optionsMaxRecordsCeiling: {
    ja: "最大 {max} 件（これより多くするには運用者に依頼してください）",
    en: "At most {max} (ask your operator to allow more)",
  },
  optionsInvalidNumber: {
    ja: "{min}〜{max} の整数を入力してください（直前の値は {kept}）。直すまで保存できません。",
    en: "Enter a whole number from {min} to {max} (it was {kept}). Saving waits until it is fixed.",
  },
  optionsPreviewButton: { ja: "取り込み件数を確認", en: "Preview the first import" },
  optionsDryRunButton: { ja: "取り込みを試算", en: "Try the first import" },
  optionsDryRunRunning: {
    ja: "kintone のレコードを読んで試算しています…（何も書き込みません）",
    en: "Reading the records to work it out… (nothing is written)",
  },
  optionsDryRunResult: {
    ja: "最初の取り込みは {read} 件を読み、新しい顧客 {created} 件・既存の顧客との連携 {linked} 件・スキップ {skipped} 件（顧客名も会社名も空のレコード）になります。",
    en: "The first import will read {read} records: {created} new customers, {linked} linked to existing ones, {skipped} skipped (neither name nor company).",
  },
  optionsDryRunNeedBackend: {
    ja: "バックエンドのURLと接続キーを入力すると、試算できます。",
    en: "Enter the backend URL and the connection key to try it.",
  },
  optionsDryRunFailed: { ja: "試算できませんでした: {reason}", en: "Could not work it out: {reason}" },
  optionsPreviewRunning: { ja: "件数を数えています…", en: "Counting records…" },
  optionsPreviewNeedApp: {
    ja: "顧客アプリが決まると、最初に取り込まれる件数を確認できます。",
    en: "Once the customer app is set, you can preview how many records the first import reads.",
  },
  optionsPreviewAll: {
    ja: "過去{days}日間に更新された {total} 件をすべて取り込みます。",
    en: "All {total} records updated in the last {days} days will be imported.",
  },
  optionsPreviewCapped: {
    ja: "過去{days}日間に更新された {total} 件のうち、新しい順に {cap} 件を取り込みます。残りの {rest} 件は、次に更新されたときか全件同期のときに取り込まれます。",
    en: "Of the {total} records updated in the last {days} days, the {cap} most recently updated will be imported. The other {rest} are imported when next updated or by a full sync.",
  },
  optionsPreviewNone: {
    ja: "過去{days}日間に更新されたレコードはありません。最初の取り込みでは何も取り込みません。",
    en: "No record was updated in the last {days} days. The first import will import nothing.",
  },
  optionsPreviewFailed: {
    ja: "件数を数えられませんでした: {reason}",
    en: "The records could not be counted: {reason}",
  },
  optionsPreviewBadField: {
    ja: "更新日時のフィールドコード「{code}」はクエリに使えません。",
    en: 'The update-time field code "{code}" cannot be used in a query.',
  },

  // 同期の状況 (API.md GET /v1/kintone/status)
  statusHeading: { ja: "同期の状況", en: "Sync status" },
  statusNeedBackend: {
    ja: "バックエンドのURLと接続キーを入力すると、同期の状況が表示されます。",
    en: "Enter the backend URL and the connection key to see the sync status.",
  },
  statusLoading: { ja: "同期の状況を読み込んでいます…", en: "Loading the sync status…" },
  statusFailed: {
    ja: "同期の状況を読み込めませんでした: {reason}",
    en: "The sync status could not be loaded: {reason}",
  },
  statusCustomers: {
    ja: "連携済みの顧客: {linked} 件 / {total} 件",
    en: "Customers linked: {linked} of {total}",
  },
  statusExportsDeferred: {
    ja: "未書き込みのうち {deferred} 件は、kintone の1日のリクエスト数の上限に近いため、上限が戻ってから書き込みます（操作は不要です）。",
    en: "{deferred} of the minutes not written yet wait for kintone's daily request limit to reset, then are written (nothing to do).",
  },
  statusExports: {
    ja: "議事録の書き込み: 書き込み済み {written} 件・要確認 {needsReview} 件・未書き込み {queued} 件・スキップ {skipped} 件・失敗 {failed} 件",
    en: "Minutes: {written} written, {needsReview} need review, {queued} not written yet, {skipped} skipped, {failed} failed",
  },
  statusRequests: {
    ja: "今日の kintone API リクエスト（この連携の分）: {apps}。1日の上限 {limit} 件のうち {share} 件に達すると、残りは翌日に回します。",
    en: "kintone API requests today by this integration: {apps}. At {share} of the daily limit of {limit}, the rest waits for the next day.",
  },
  statusRequestsApp: { ja: "アプリ {appId} は {count} 件", en: "app {appId}: {count}" },
  statusRequestsNone: { ja: "まだありません", en: "none yet" },
  listSeparator: { ja: "、", en: ", " },
  statusNextSync: { ja: "次回の同期: {at}", en: "Next sync: {at}" },
  statusNextSyncNone: {
    ja: "次回の同期: 未定（設定を保存すると始まります）",
    en: "Next sync: not scheduled (starts once the settings are saved)",
  },
  statusNextFullSync: { ja: "次回の全件同期: {at}", en: "Next full sync: {at}" },
  statusFullSyncOff: {
    ja: "定期的な全件同期はオフです（オプションの「全件同期の間隔（日）」で設定できます）。",
    en: 'The periodic full sync is off (set "Full sync interval (days)" in the options).',
  },
  statusNoRuns: { ja: "まだ取り込みは実行されていません。", en: "No import has run yet." },
  statusFullSync: { ja: "全件同期", en: "Full sync" },
  statusFullSyncConfirm: {
    ja: "全件同期では、顧客管理アプリのすべてのレコードを読み込みます。最初の取り込みで対象外だったレコードも取り込み、kintone で削除されたレコードの顧客は連携を外します（Front Agent の顧客は削除しません）。レコードが多いと時間がかかり、kintone の1日のリクエスト数を多く使います。始めますか？",
    en: "A full sync reads every record of the customer app: it imports what the first import left out and unlinks the customers whose record was deleted in kintone (the Front Agent customers are not deleted). With many records it takes a while and uses much of kintone's daily request limit. Start it?",
  },
  statusFullSyncYes: { ja: "全件同期を始める", en: "Start the full sync" },
  statusFullSyncNo: { ja: "やめる", en: "Cancel" },
  statusFullSyncStarted: { ja: "全件同期を開始しました。", en: "The full sync has started." },
  statusRunDeferred: {
    ja: "{time} に開始します（1日のリクエスト数の上限のため）",
    en: "Starts at {time} (the daily request limit)",
  },
  statusShowIssues: { ja: "理由を表示", en: "Show reasons" },
  statusHideIssues: { ja: "理由を閉じる", en: "Hide reasons" },
  statusIssuesLoading: { ja: "理由を読み込んでいます…", en: "Loading the reasons…" },
  statusIssuesFailed: {
    ja: "理由を読み込めませんでした: {reason}",
    en: "The reasons could not be loaded: {reason}",
  },
  statusIssuesHeading: {
    ja: "スキップ・失敗したレコード（顧客管理アプリ）",
    en: "Records skipped or failed (customer app)",
  },
  statusIssuesNone: {
    ja: "理由が記録されたレコードはありません。",
    en: "No record has a reason recorded.",
  },
  statusIssuesPartial: {
    ja: "{total} 件のうち {shown} 件を表示しています。",
    en: "Showing {shown} of {total}.",
  },
  statusIssueRecord: { ja: "レコード {id}", en: "Record {id}" },
  statusIssueSkipped: { ja: "スキップ", en: "Skipped" },
  statusIssueFailed: { ja: "失敗", en: "Failed" },
  statusSyncNow: { ja: "今すぐ同期", en: "Sync now" },
  statusRefresh: { ja: "状況を更新", en: "Refresh" },
  statusSyncStarted: { ja: "同期を開始しました。", en: "The sync has started." },
  statusSyncFailed: {
    ja: "同期を開始できませんでした: {reason}",
    en: "The sync could not be started: {reason}",
  },
  statusColKind: { ja: "種類", en: "Kind" },
  statusColStatus: { ja: "状態", en: "Status" },
  statusColStarted: { ja: "開始", en: "Started" },
  statusColFinished: { ja: "終了", en: "Finished" },
  statusColRead: { ja: "読み込み", en: "Read" },
  statusColCreated: { ja: "新規", en: "Created" },
  statusColUpdated: { ja: "更新", en: "Updated" },
  statusColSkipped: { ja: "スキップ", en: "Skipped" },
  statusColFailed: { ja: "失敗", en: "Failed" },
  statusColUnlinked: { ja: "連携解除", en: "Unlinked" },
  statusColError: { ja: "エラー", en: "Error" },
  statusKindInitial: { ja: "最初の取り込み", en: "First import" },
  statusKindIncremental: { ja: "差分同期", en: "Incremental sync" },
  statusKindFull: { ja: "全件同期", en: "Full sync" },
  statusRunRunning: { ja: "実行中", en: "Running" },
  statusRunSucceeded: { ja: "成功", en: "Succeeded" },
  statusRunFailed: { ja: "失敗", en: "Failed" },
  runErrorAuth: {
    ja: "kintone が API トークンを受け付けませんでした。トークンを確認して保存し直してください。",
    en: "kintone refused the API token. Check the token and save again.",
  },
  runErrorPermission: {
    ja: "API トークンの権限が足りません（レコード閲覧・追加・編集・アプリ管理）。",
    en: "The API token lacks a permission (view, add, edit records; manage app).",
  },
  runErrorRateLimited: {
    ja: "kintone の利用上限に達しました。時間をおいて再度同期してください。",
    en: "kintone's request limit was reached. Sync again later.",
  },
  runErrorUnavailable: {
    ja: "kintone に接続できませんでした。時間をおいて再度同期してください。",
    en: "kintone could not be reached. Sync again later.",
  },
  runErrorOrigin: {
    ja: "この kintone の URL はバックエンドで許可されていません。運用担当者に連絡してください。",
    en: "This kintone URL is not allowed by the backend. Contact your operator.",
  },
  runErrorInternal: {
    ja: "バックエンド内部のエラーです。運用担当者に連絡してください。",
    en: "An internal backend error. Contact your operator.",
  },

  // 設定の書き出し・読み込み・初期化
  transferHeading: { ja: "設定の書き出し・読み込み", en: "Export and import the settings" },
  transferHelp: {
    ja: "設定を JSON ファイルに書き出し、別のアプリや環境で読み込めます。API トークンと接続キーは書き出されません。読み込んだ設定は、保存するまで反映されません。",
    en: "Export the settings as a JSON file and import them in another app or environment. API tokens and the connection key are never exported. Imported settings apply only once saved.",
  },
  transferExport: { ja: "ファイルに書き出す", en: "Export to a file" },
  transferImport: { ja: "ファイルから読み込む", en: "Import from a file" },
  transferImported: {
    ja: "「{file}」を読み込みました。内容を確認してから保存してください。",
    en: 'Imported "{file}". Review the settings, then save.',
  },
  transferBadJson: {
    ja: "「{file}」は JSON として読めませんでした。書き出した設定ファイルを選んでください。設定は変更していません。",
    en: '"{file}" is not valid JSON. Choose a settings file exported here. The settings were not changed.',
  },
  transferBadShape: {
    ja: "「{file}」は設定ファイルとして正しくありません（{path} の値）。設定は変更していません。",
    en: '"{file}" is not a valid settings file (the value of {path}). The settings were not changed.',
  },
  transferReset: { ja: "初期値に戻す", en: "Reset to defaults" },
  transferResetConfirm: {
    ja: "項目の対応、活動履歴アプリ、オプション、ユーザー連携を初期値に戻します。接続（バックエンドの URL、接続キー、Front Agent の URL）と API トークンはそのままです。保存するまでは反映されません。戻しますか？",
    en: "This resets the field mapping, the activity app, the options and the user mapping. The connection (backend URL, connection key, Front Agent URL) and the API tokens are kept. Nothing changes until you save. Reset?",
  },
  transferResetYes: { ja: "戻す", en: "Reset" },
  transferResetNo: { ja: "やめる", en: "Keep" },
  transferResetDone: {
    ja: "初期値に戻しました。保存すると反映されます。",
    en: "Reset to defaults. Save to apply.",
  },
} satisfies Record<string, Text>;
