/**
 * True when a write broke a unique constraint or primary key: a link already taken, a duplicate id or hash.
 * Services turn it into 409 rather than 500. Knows both drivers' codes, so callers need neither.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const { code } = error;
  return (
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    // PostgreSQL's unique_violation (SQLSTATE 23505).
    code === "23505"
  );
}
