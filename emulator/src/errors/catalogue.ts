import { type Bilingual, type ErrorsMap, KintoneError } from "./kintone-error.ts";

/** Field types that kintone's GAIA_UN10 text names by their older words. */
const KINTONE_TYPE_WORDS: Record<string, string> = {
  CREATED_TIME: "CREATED_AT",
  UPDATED_TIME: "MODIFIED_AT",
};

/**
 * Every error the emulator answers with, by kintone's code. Statuses, codes and the English texts are
 * the measured ones of kintone-facts.md §6 where it has them; Japanese texts kintone did not show us
 * are written in kintone's style and marked [L] there.
 */
export const kintoneErrors = {
  noAuth: () => new KintoneError(401, "CB_AU01", { ja: "ログインしてください。", en: "Please login." }),
  passwordFailed: () =>
    new KintoneError(401, "CB_WA01", {
      ja: "ユーザーのパスワード認証に失敗しました。「X-Cybozu-Authorization」ヘッダーの値が正しくありません。",
      en: 'Password authentication failed. The value of the "X-Cybozu-Authorization" header is not valid.',
    }),
  // The status of CB_TW02 is not documented (facts, open question 3): 401 like the other auth failures.
  twoFactorRequired: () =>
    new KintoneError(401, "CB_TW02", {
      ja: "2要素認証を有効にしているため、認証できません。REST APIでは2要素認証はサポートされていません。",
      en: "Cannot authenticate because two-factor authentication is enabled. The REST API does not support two-factor authentication.",
    }),
  tokenInvalid: () =>
    new KintoneError(400, "GAIA_IA02", {
      ja: "指定したAPIトークンが、アプリで生成されたAPIトークンと一致しません。",
      en: "The specified API token does not match the API token generated via an app.",
    }),
  tokenDuplicate: () =>
    new KintoneError(400, "GAIA_DA03", {
      ja: "同じアプリのAPIトークンを重複して指定することはできません。",
      en: "You cannot specify a duplicate API token for the same app.",
    }),
  // kintone's code for "a token of another app" was not found (facts §5.1, open question 2): GAIA_IA03
  // is the likely one; a client must not rely on the code, only on a 400 that is not IA02.
  tokenOtherApp: () =>
    new KintoneError(400, "GAIA_IA03", {
      ja: "APIトークンがアプリと一致しません。",
      en: "The API token does not match the app.",
    }),
  // Facts open question 2: the code for 10+ tokens is unknown; a validation error is the closest kind.
  tooManyTokens: () =>
    validation({
      "X-Cybozu-API-Token": [
        { ja: "APIトークンは9個まで指定できます。", en: "You can specify up to 9 API tokens." },
      ],
    }),
  tokenNoPermission: () =>
    new KintoneError(403, "GAIA_NO01", {
      ja: "このAPIトークンでは、指定したAPIを実行できません。",
      en: "Using this API token, you cannot run the specified API.",
    }),
  userNoPermission: () =>
    new KintoneError(403, "CB_NO02", { ja: "権限がありません。", en: "No privilege to proceed." }),
  appNotFound: (app: number | string) =>
    new KintoneError(404, "GAIA_AP01", {
      ja: `指定したアプリ（id: ${app}）が見つかりません。削除されている可能性があります。`,
      en: `The app (ID: ${app}) not found. The app may have been deleted.`,
    }),
  recordNotFound: (id: number | string) =>
    new KintoneError(404, "GAIA_RE01", {
      ja: `指定したレコード（id: ${id}）が見つかりません。`,
      en: `The specified record (ID: ${id}) is not found.`,
    }),
  guestSpacePathRequired: () =>
    new KintoneError(400, "GAIA_IL23", {
      ja: "ゲストスペース内のアプリを操作する場合は、リクエストの送信先のURLをゲストスペース用のURLにしてください。",
      en: "To manipulate an app in a guest space, send the request to the guest space URL.",
    }),
  invalidJson: () =>
    new KintoneError(400, "CB_IJ01", { ja: "不正なJSON文字列です。", en: "Invalid JSON string." }),
  revisionConflict: () =>
    new KintoneError(409, "GAIA_CO02", {
      ja: "指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。",
      en: "The revision is not the latest. Someone may update a record.",
    }),
  lookupNoMatch: (value: string, field: string) =>
    new KintoneError(400, "GAIA_LO04", {
      ja: `フィールド「${field}」の値「${value}」が、ルックアップの参照先のフィールドにないか、またはアプリやフィールドの閲覧権限がありません。`,
      en: `A value ${value} in the field ${field} does not exist in the datasource app for lookup, or you do not have permission to view the app or the field.`,
    }),
  // Measured: the 429 came back in English even without Accept-Language (facts §6).
  tooManyConcurrent: (limit: number, running: number) =>
    new KintoneError(
      429,
      "GAIA_TO04",
      {
        ja: "The number of concurrent API requests exceeds the limit.",
        en: "The number of concurrent API requests exceeds the limit.",
      },
      undefined,
      {
        "X-Cybozu-Error": "GAIA_TO04",
        "X-ConcurrencyLimit-Limit": String(limit),
        "X-ConcurrencyLimit-Running": String(running),
      },
    ),
  cursorLimit: () =>
    new KintoneError(429, "GAIA_TM12", {
      ja: "作成できるカーソルの上限に達しているため、カーソルを作成できません。不要なカーソルを削除するか、しばらく経ってから再実行してください。",
      en: "Cannot create a cursor because the maximum number of cursors has been reached. Delete unnecessary cursors or try again later.",
    }),
  cursorNotFound: () =>
    new KintoneError(404, "GAIA_CN01", {
      ja: "指定したカーソルは存在しないか、既に有効期限が切れています。",
      en: "The specified cursor does not exist or has already expired.",
    }),
  // Status of GAIA_IL26 is not documented (facts open question 3): a 400 like other input errors.
  userNotFound: (code: string) =>
    new KintoneError(400, "GAIA_IL26", {
      ja: `指定したユーザー（code：${code}）が見つかりません。`,
      en: `The specified user (code: ${code}) not found.`,
    }),
  // Measured on an update (README "Uncertain kintone behaviours"): 400 GAIA_UN10, naming the field type in
  // kintone's older words (CREATED_TIME is "CREATED_AT", UPDATED_TIME "MODIFIED_AT"). English not captured.
  systemFieldNotSettable: (type: string) => {
    const named = KINTONE_TYPE_WORDS[type] ?? type;
    return new KintoneError(400, "GAIA_UN10", {
      ja: `${named}型のフィールドに値を設定することはできません。`,
      en: `You cannot set a value to a field of type ${named}.`,
    });
  },
  // The code for an unknown API path was not captured; kintone answers 404 with a JSON body.
  apiNotFound: () =>
    new KintoneError(404, "CB_NF01", {
      ja: "指定したAPIが見つかりません。",
      en: "The specified API is not found.",
    }),
} as const;

export type ValidationInput = Record<string, Bilingual[]>;

/** 400 CB_VA01 with an `errors` object: kintone's answer to every kind of bad input. */
export function validation(errors: ValidationInput): KintoneError {
  const map: ErrorsMap = {};
  for (const [key, messages] of Object.entries(errors)) map[key] = { messages };
  return new KintoneError(
    400,
    "CB_VA01",
    { ja: "入力内容が正しくありません。", en: "Missing or invalid input." },
    map,
  );
}

/** Texts used inside `errors`. Measured English texts from facts §6; the Japanese follow kintone's wording. */
export const fieldMessages = {
  required: { ja: "必須です。", en: "Required." },
  requiredParameter: { ja: "必須です。", en: "Required field." },
  unique: { ja: "値がほかのレコードと重複しています。", en: "This value already exists in another record." },
  notNumber: { ja: "数字でなければなりません。", en: "Only numbers are allowed." },
  mustBeInteger: { ja: "整数でなければなりません。", en: "Enter an integer value." },
  tooLong: (max: number) => ({
    ja: `${max + 1}文字より短くなければなりません。`,
    en: `Enter less than ${max + 1} characters.`,
  }),
  tooShort: (min: number) => ({
    ja: `${min - 1}文字より長くなければなりません。`,
    en: `Enter more than ${min - 1} characters.`,
  }),
  tooLarge: (max: string) => ({
    ja: `${max}以下である必要があります。`,
    en: `The value must be ${max} or less.`,
  }),
  tooSmall: (min: string) => ({
    ja: `${min}以上である必要があります。`,
    en: `The value must be ${min} or more.`,
  }),
  notInOptions: (value: string) => ({
    ja: `"${value}"は選択肢にありません。`,
    en: `The value, "${value}", is not in options.`,
  }),
  badDate: { ja: "日付の形式が不正です。", en: "The date format is invalid." },
  badDateTime: { ja: "日時の形式が不正です。", en: "The date and time format is invalid." },
  badTime: { ja: "時刻の形式が不正です。", en: "The time format is invalid." },
  badValue: { ja: "値の形式が不正です。", en: "The value format is invalid." },
  addLimit: {
    ja: "一度に100件までのレコードを追加できます。",
    en: "A maximum of 100 records can be added at one time.",
  },
  updateLimit: {
    ja: "一度に100件までのレコードを更新できます。",
    en: "A maximum of 100 records can be updated at one time.",
  },
  deleteLimit: {
    ja: "一度に削除できるレコードは1件から100件までです。",
    en: "Between 1 and 100 records can be deleted at one time.",
  },
  bulkLimit: {
    ja: "一度に実行できるAPIは20件までです。",
    en: "A maximum of 20 requests can be sent at one time.",
  },
  updateKeyNotUnique: {
    ja: "updateKeyには、値の重複を禁止する設定のフィールドを指定してください。",
    en: "The field specified in updateKey must be set to prohibit duplicate values.",
  },
  idAndUpdateKey: {
    ja: "idとupdateKeyは同時に指定できません。",
    en: "You cannot specify both id and updateKey.",
  },
  cursorSize: { ja: "1から500までの値を指定してください。", en: "Enter a value between 1 and 500." },
  bothIdsAndCodes: {
    ja: "idsとcodesは同時に指定できません。",
    en: "You cannot specify both ids and codes.",
  },
  sizeRange: { ja: "1から100までの値を指定してください。", en: "Enter a value between 1 and 100." },
} satisfies Record<string, Bilingual | ((...args: never[]) => Bilingual)>;
