import { randomBytes } from "node:crypto";

/** A kintone text in the two languages the emulator answers in (`Accept-Language`). */
export interface Bilingual {
  ja: string;
  en: string;
}

export type ResponseLanguage = "ja" | "en";

/** kintone's `errors` object: a key per invalid input (e.g. `record.顧客名.value`), each with its messages. */
export type ErrorsMap = Record<string, { messages: Bilingual[] }>;

/**
 * An error kintone would answer with: HTTP status, stable code, message, optional `errors`.
 * Thrown anywhere in the emulator and rendered once by the HTTP layer.
 */
export class KintoneError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Bilingual,
    readonly errors?: ErrorsMap,
    readonly headers?: Record<string, string>,
  ) {
    super(`${code}: ${messages.en}`);
    this.name = "KintoneError";
  }

  /** What the HTTP response carries; a bulkRequest failure wraps the body (see BulkRequestError). */
  responseBody(language: ResponseLanguage): unknown {
    return this.toBody(language);
  }

  /** kintone's error body `{code, id, message, errors?}`; the id is a fresh 20-character token like kintone's. */
  toBody(language: ResponseLanguage): KintoneErrorBody {
    const body: KintoneErrorBody = { code: this.code, id: errorId(), message: this.messages[language] };
    if (this.errors) {
      body.errors = Object.fromEntries(
        Object.entries(this.errors).map(([key, value]) => [
          key,
          { messages: value.messages.map((m) => m[language]) },
        ]),
      );
    }
    return body;
  }
}

export interface KintoneErrorBody {
  code: string;
  id: string;
  message: string;
  errors?: Record<string, { messages: string[] }>;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function errorId(): string {
  const bytes = randomBytes(20);
  let id = "";
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

/**
 * A failed bulkRequest: kintone answers with the failing sub-request's status and puts its error at its
 * index of `results`, `{}` everywhere else (facts §1.6); the official client finds it by that shape.
 */
export class BulkRequestError extends KintoneError {
  constructor(
    readonly inner: KintoneError,
    readonly index: number,
    readonly count: number,
  ) {
    super(inner.status, inner.code, inner.messages, inner.errors, inner.headers);
  }

  override responseBody(language: ResponseLanguage): unknown {
    const results: unknown[] = Array.from({ length: this.count }, () => ({}));
    results[this.index] = this.inner.toBody(language);
    return { results };
  }
}
