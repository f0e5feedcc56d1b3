/**
 * E-mail as the ladder compares it (SPEC E3): NFKC (a full-width address typed in a Japanese IME), trimmed,
 * lower-cased. Lower-casing the local part is not RFC-exact, but no two customers differ only in its case.
 */
export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

/**
 * A phone number as digits only, Japanese national form: NFKC turns full-width digits and ＋ into ASCII,
 * separators go, and +81 becomes the leading 0 (+81 (0)3-… keeps one 0). "03-1234-5678",
 * "０３－１２３４－５６７８" and "+81 3 1234 5678" are one number.
 */
export function normalizePhone(phone: string): string {
  const text = phone.normalize("NFKC").trim();
  const digits = text.replace(/[^0-9]/g, "");
  if (!text.startsWith("+")) return digits;
  if (!digits.startsWith("81")) return `+${digits}`;
  const national = digits.slice(2);
  return national.startsWith("0") ? national : `0${national}`;
}
