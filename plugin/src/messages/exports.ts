import type { Text } from "../i18n.ts";

/** 議事録の書き込み: the minutes' exports, 再送 and linking a 要確認 customer (GET /v1/kintone/exports). */
export const exportsMessages = {
  exportsHeading: { ja: "議事録の書き込み", en: "Minutes written to kintone" },
  exportsHelp: {
    ja: "Front Agent の会議の議事録を活動履歴アプリに書き込んだ結果です（新しい順）。要確認の議事録は正しい顧客レコードに連携すると、失敗・スキップの議事録は原因を直して再送すると書き込まれます。",
    en: "What became of each Front Agent meeting's minutes (newest first). Minutes that need review are written once linked to the right customer record; failed or skipped ones once the cause is fixed and they are sent again.",
  },
  exportsNeedBackend: {
    ja: "バックエンドのURLと接続キーを入力すると、議事録の書き込みが表示されます。",
    en: "Enter the backend URL and the connection key to see the minutes.",
  },
  exportsLoading: { ja: "議事録の書き込みを読み込んでいます…", en: "Loading the minutes…" },
  exportsFailed: {
    ja: "議事録の書き込みを読み込めませんでした: {reason}",
    en: "The minutes could not be loaded: {reason}",
  },
  exportsFilter: { ja: "表示する状態", en: "Show" },
  exportsFilterAll: { ja: "すべて", en: "All" },
  exportsStatusNeedsReview: { ja: "要確認", en: "Needs review" },
  exportsStatusFailed: { ja: "失敗", en: "Failed" },
  exportsStatusQueued: { ja: "未書き込み", en: "Not written yet" },
  exportsStatusSkipped: { ja: "スキップ", en: "Skipped" },
  exportsStatusWritten: { ja: "書き込み済み", en: "Written" },
  exportsNone: { ja: "表示する議事録はありません。", en: "No minutes to show." },
  exportsColMeeting: { ja: "会議", en: "Meeting" },
  exportsColStarted: { ja: "日時", en: "Date" },
  exportsColUser: { ja: "Front Agent のユーザー", en: "Front Agent user" },
  exportsColCustomer: { ja: "顧客", en: "Customer" },
  exportsColStatus: { ja: "状態", en: "Status" },
  exportsColDetail: { ja: "詳細", en: "Details" },
  exportsColAction: { ja: "操作", en: "Action" },
  exportsActivityRecord: { ja: "活動履歴のレコード {id}", en: "Activity record {id}" },
  exportsDeferred: {
    ja: "{time} に書き込みます（kintone の1日のリクエスト数の上限のため）。操作は不要です。",
    en: "Written at {time} (kintone's daily request limit). Nothing to do.",
  },
  exportsRetry: { ja: "再送", en: "Send again" },
  exportsRetried: {
    ja: "再送しました。まもなく活動履歴アプリに書き込まれます。",
    en: "Sent again: it will be written to the activity app shortly.",
  },
  exportsRetryFailed: { ja: "再送できませんでした: {reason}", en: "Could not send it again: {reason}" },
  exportsShowCandidates: { ja: "候補を表示", en: "Show candidates" },
  exportsHideCandidates: { ja: "候補を閉じる", en: "Hide candidates" },
  exportsCandidatesLoading: {
    ja: "顧客管理アプリで候補を探しています…",
    en: "Looking for candidates in the customer app…",
  },
  exportsCandidatesFailed: {
    ja: "候補を読み込めませんでした: {reason}",
    en: "The candidates could not be loaded: {reason}",
  },
  exportsCandidatesFor: {
    ja: "「{customer}」の候補（顧客管理アプリのレコード）",
    en: 'Candidates for "{customer}" (customer-app records)',
  },
  exportsCandidatesNone: {
    ja: "顧客管理アプリに候補が見つかりませんでした。顧客のレコードを追加してから、もう一度「候補を表示」を押してください。",
    en: 'No candidate was found in the customer app. Add the customer\'s record, then press "Show candidates" again.',
  },
  exportsCandName: { ja: "顧客名", en: "Name" },
  exportsCandCompany: { ja: "会社名", en: "Company" },
  exportsCandRecord: { ja: "レコード番号", en: "Record number" },
  exportsCandScore: { ja: "一致度", en: "Score" },
  exportsLink: { ja: "この顧客に連携", en: "Link to this customer" },
  exportsLinked: {
    ja: "連携しました。この議事録はまもなく活動履歴アプリに書き込まれます。",
    en: "Linked: these minutes will be written to the activity app shortly.",
  },
  exportsLinkFailed: { ja: "連携できませんでした: {reason}", en: "Could not link: {reason}" },
  exportsPrevious: { ja: "前へ", en: "Previous" },
  exportsNext: { ja: "次へ", en: "Next" },
  exportsRefresh: { ja: "一覧を更新", en: "Refresh" },
  exportsPage: { ja: "{page} ページ目", en: "Page {page}" },
} satisfies Record<string, Text>;
