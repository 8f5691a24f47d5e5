/**
 * Raw `db.execute` results differ by driver: postgres.js returns an array of rows, PGlite an
 * object with `rows`. Application code reads them through this one function.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  if (Array.isArray(rows)) return rows as T[];
  throw new TypeError("Unrecognised query result");
}

export interface PgErrorInfo {
  code: string;
  constraint?: string;
  message: string;
}

/**
 * The PostgreSQL error behind a failed query, if there is one. drizzle wraps driver errors, so
 * the interesting part (SQLSTATE code, constraint name) sits in `cause`.
 */
export function pgError(error: unknown): PgErrorInfo | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const candidate = current as {
      code?: unknown;
      constraint?: unknown;
      constraint_name?: unknown;
      message?: unknown;
    };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = candidate.constraint ?? candidate.constraint_name;
      return {
        code: candidate.code,
        constraint: typeof constraint === "string" ? constraint : undefined,
        message: String(candidate.message ?? ""),
      };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const PG_UNIQUE_VIOLATION = "23505";
export const PG_FOREIGN_KEY_VIOLATION = "23503";
export const PG_CHECK_VIOLATION = "23514";
export const PG_INSUFFICIENT_PRIVILEGE = "42501";
