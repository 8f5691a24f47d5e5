/**
 * What the auth services log through: one structured line per event, a message and facts (ids,
 * kinds, counts). Never passwords, tokens, secrets or free text. The launcher's log fits.
 */
export interface AuthLog {
  info(message: string, facts?: Record<string, unknown>): void;
  warn(message: string, facts?: Record<string, unknown>): void;
}

export const silentLog: AuthLog = { info: () => {}, warn: () => {} };

/** What a log may say about an error: kinds and codes, never its message, SQL or parameters. */
export interface ErrorFacts {
  /** The error's class name ("TRPCError", "DrizzleQueryError", "error"...). */
  error: string;
  /** Its code, when it has a short one (a tRPC code, a SQLSTATE, an errno name). */
  code?: string;
  /** The causes below it, outermost first, each as "Name" or "Name:code". */
  causes?: string[];
  /** Database facts found along the chain: schema names only. */
  constraint?: string;
  table?: string;
  column?: string;
}

const identifier = /^[A-Za-z0-9_$.:-]{1,63}$/;
const pick = (value: unknown) => (typeof value === "string" && identifier.test(value) ? value : undefined);

/**
 * The facts of an error that are safe to log. Messages are left out on purpose: a database
 * error's message quotes the SQL and its parameters (a note's text, an email address), its detail
 * the failing row. Names, codes and the constraint, table and column names say what went wrong
 * without saying what anybody typed. Works for anything thrown, Error or not.
 */
export function errorFacts(error: unknown): ErrorFacts {
  const chain: object[] = [];
  let current: unknown = error;
  while (current && typeof current === "object" && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  if (chain.length === 0) return { error: typeof error };
  const nameOf = (e: object) => pick((e as { name?: unknown }).name) ?? pick(e.constructor?.name) ?? "object";
  const codeOf = (e: object) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === "number" ? String(code) : pick(code);
  };
  const field = (...keys: string[]) => {
    for (const e of chain)
      for (const key of keys) {
        const value = pick((e as Record<string, unknown>)[key]);
        if (value) return value;
      }
    return undefined;
  };
  const [top, ...below] = chain as [object, ...object[]];
  const facts: ErrorFacts = { error: nameOf(top) };
  const code = codeOf(top);
  if (code) facts.code = code;
  if (below.length) {
    facts.causes = below.map((e) => {
      const causeCode = codeOf(e);
      return causeCode ? `${nameOf(e)}:${causeCode}` : nameOf(e);
    });
  }
  // postgres.js names them constraint_name, table_name, column_name; PGlite without the suffix.
  const constraint = field("constraint", "constraint_name");
  const table = field("table", "table_name");
  const column = field("column", "column_name");
  if (constraint) facts.constraint = constraint;
  if (table) facts.table = table;
  if (column) facts.column = column;
  return facts;
}
