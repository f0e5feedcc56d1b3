import { normalizeText } from "../import-rules/normalize.ts";

/**
 * Japanese legal forms, as they read after NFKC (which already turns （株） and ㈱ into (株), ㈲ into (有)).
 * Longest first, so 医療法人社団 is removed whole rather than leaving 社団 behind.
 */
const JAPANESE_LEGAL_FORMS = [
  "特定非営利活動法人",
  "社会福祉法人",
  "一般社団法人",
  "一般財団法人",
  "公益社団法人",
  "公益財団法人",
  "医療法人社団",
  "医療法人財団",
  "株式会社",
  "有限会社",
  "合同会社",
  "合資会社",
  "合名会社",
  "医療法人",
  "学校法人",
  "npo法人",
  "(株)",
  "(有)",
  "(同)",
  "(資)",
  "(名)",
  "(社)",
  "(財)",
];

/** Latin legal forms, dots and the space in "Co., Ltd." optional, as people type them either way. */
const LATIN_LEGAL_FORMS = String.raw`co\.?\s*,?\s*ltd\.?|inc\.?|corp(?:oration|\.)?|k\.?\s?k\.?|ltd\.?`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const japanese = JAPANESE_LEGAL_FORMS.map(escapeRegExp).join("|");

const LEADING = new RegExp(`^(?:${japanese})`, "u");
// A Latin form only counts as a whole word at the end: "Sample Inc." and "サンプルCo.,Ltd." lose it, "Zinc"
// and "Corp Solutions" keep theirs.
const TRAILING = new RegExp(`(?:${japanese}|(?<![\\p{Script=Latin}\\p{Nd}])(?:${LATIN_LEGAL_FORMS}))$`, "u");
const EDGE_SEPARATORS = /^[\s,]+|[\s,]+$/gu;

/**
 * A company name for matching (SPEC E3, L1): NFKC, lower-cased, legal forms removed at either end, spaces
 * collapsed. 株式会社サンプル, (株)サンプル, ㈱サンプル and サンプル株式会社 are one company. A name that is
 * nothing but a legal form is kept as it is, so it does not become "no company".
 */
export function normalizeCompany(company: string): string {
  const text = normalizeText(company).toLowerCase();
  let rest = text;
  for (;;) {
    const next = rest.replace(LEADING, "").replace(TRAILING, "").replace(EDGE_SEPARATORS, "");
    if (next === rest) break;
    rest = next;
  }
  return (rest === "" ? text : rest).replace(/\s+/gu, " ");
}

/** A person's name for matching: "山田 太郎", "山田　太郎" and "山田太郎" are one name; Latin case is ignored. */
export function normalizePersonName(name: string): string {
  // normalizeText leaves no white space but single U+0020 spaces.
  return normalizeText(name).replaceAll(" ", "").toLowerCase();
}

/**
 * The name and company the ladder compares. The import copies one into the other when a record has only one
 * (SPEC I2/I3), so a customer with a single value (the other empty, or both the same) is keyed on that value
 * alone: 佐藤 花子 with no company, and 佐藤 花子 whose company is 佐藤 花子, are the same customer.
 */
export function matchParts(name: string, company: string): { name: string; company: string } {
  const person = normalizePersonName(name);
  const firm = normalizeCompany(company).replace(/\s+/gu, "");
  const single = person === "" || firm === "" || person === normalizePersonName(company);
  if (!single) return { name: person, company: firm };
  const value = person === "" || person === normalizePersonName(company) ? company : name;
  return { name: "", company: normalizeCompany(value).replace(/\s+/gu, "") };
}

/**
 * The ladder's step-2 key (SPEC E3): NFKC, white space and legal forms ignored. JSON joins the parts so no
 * pair can collide with another across the boundary.
 */
export function matchKey(name: string, company: string): string {
  const parts = matchParts(name, company);
  return JSON.stringify([parts.name, parts.company]);
}
