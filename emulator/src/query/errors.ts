/**
 * The errors kintone answers for a bad `query`, in both languages.
 *
 * Japanese texts are the ones measured against a real kintone (facts file §3/§6, SonicGarden
 * kintone-emulator `doc/kintone-query-behavior.md`). English texts are only known for CB_VA01,
 * GAIA_IQ11 and GAIA_QU01; the others are our translations of the Japanese text.
 */

export interface LocalizedText {
  ja: string;
  en: string;
}

export type QueryErrorCode =
  | "CB_VA01"
  | "GAIA_IQ03"
  | "GAIA_IQ07"
  | "GAIA_IQ10"
  | "GAIA_IQ11"
  | "GAIA_IQ23"
  | "GAIA_IQ25"
  | "GAIA_IL08"
  | "GAIA_QU01"
  | "GAIA_QU02";

export class KintoneQueryError extends Error {
  readonly code: QueryErrorCode;
  /** Every query error kintone is known to send is a 400. */
  readonly status: number = 400;
  readonly messages: LocalizedText;
  readonly errors?: Record<string, { messages: LocalizedText[] }>;

  constructor(
    code: QueryErrorCode,
    messages: LocalizedText,
    errors?: Record<string, { messages: LocalizedText[] }>,
  ) {
    super(`${code}: ${messages.en}`);
    this.name = "KintoneQueryError";
    this.code = code;
    this.messages = messages;
    if (errors !== undefined) this.errors = errors;
  }
}

const INVALID_INPUT: LocalizedText = { ja: "入力内容が正しくありません。", en: "Missing or invalid input." };
const INVALID_QUERY: LocalizedText = { ja: "クエリ記法が間違っています。", en: "The query is invalid." };

/** kintone reports every grammar problem the same way: CB_VA01 with `errors.query`, no position. */
export function syntaxError(detail: LocalizedText = INVALID_QUERY): KintoneQueryError {
  return new KintoneQueryError("CB_VA01", INVALID_INPUT, { query: { messages: [detail] } });
}

/**
 * The cursor API refuses `limit`/`offset` in its query (kintone.dev add-cursor). The exact code and
 * text of that refusal were never captured; CB_VA01 on `query` is our best guess.
 */
export function limitOffsetNotAllowed(): KintoneQueryError {
  return syntaxError({
    ja: "カーソルAPIのクエリには limit と offset を指定できません。",
    en: "limit and offset cannot be specified in the query of the cursor API.",
  });
}

export function unknownField(code: string): KintoneQueryError {
  return new KintoneQueryError("GAIA_IQ11", {
    ja: `指定されたフィールド（${code}）が見つかりません。`,
    en: `Specified field (${code}) not found.`,
  });
}

export function operatorNotAllowed(code: string, op: string): KintoneQueryError {
  return new KintoneQueryError("GAIA_IQ03", {
    ja: `${code}フィールドのフィールドタイプには演算子${op}を使用できません。`,
    en: `The operator ${op} cannot be used for the field type of the ${code} field.`,
  });
}

export function operatorNotAllowedInTable(code: string, op: string): KintoneQueryError {
  return new KintoneQueryError("GAIA_IQ07", {
    ja: `レコードを読み込めません。テーブルに設定している場合、${code}フィールドのフィールドタイプには、演算子${op}を使用できません。`,
    en: `Failed to read records. The operator ${op} cannot be used for the field type of the ${code} field in a table.`,
  });
}

export function optionNotFound(code: string, value: string): KintoneQueryError {
  return new KintoneQueryError("GAIA_IQ10", {
    ja: `${code}フィールドの項目に「${value}」は存在しません。`,
    en: `The option "${value}" does not exist in the ${code} field.`,
  });
}

export function invalidDay(value: string): KintoneQueryError {
  return new KintoneQueryError("GAIA_IQ23", {
    ja: `指定した日にち（${value}）は無効です。1から31までの整数で指定します。`,
    en: `The specified day (${value}) is invalid. Specify an integer from 1 to 31.`,
  });
}

export function invalidUnit(): KintoneQueryError {
  return new KintoneQueryError("GAIA_IQ25", {
    ja: "FROM_TODAY()の第2引数には、「DAYS」「WEEKS」「MONTHS」「YEARS」のいずれかを指定します。",
    en: 'For the second argument of FROM_TODAY(), specify "DAYS", "WEEKS", "MONTHS" or "YEARS".',
  });
}

export function invalidArguments(): KintoneQueryError {
  return new KintoneQueryError("GAIA_IL08", { ja: "クエリの指定が不正です。", en: "The query is invalid." });
}

export function limitTooLarge(): KintoneQueryError {
  return new KintoneQueryError("GAIA_QU01", {
    ja: "limit には 500 以下の値を指定してください。",
    en: "The limit must be 500 or less.",
  });
}

export function offsetTooLarge(): KintoneQueryError {
  return new KintoneQueryError("GAIA_QU02", {
    ja: "offset には 10,000 以下の値を指定してください。",
    en: "The offset must be 10,000 or less.",
  });
}
