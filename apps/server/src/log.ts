import { errorFacts } from "@ordinavo/auth";

/**
 * One structured line per event: a message and facts (ids, counts, names of things) — never
 * passwords, tokens, secrets or free text typed by people.
 */
export interface Log {
  info(message: string, facts?: Record<string, unknown>): void;
  warn(message: string, facts?: Record<string, unknown>): void;
  error(message: string, facts?: Record<string, unknown>): void;
}

const errorName = /^[A-Za-z0-9_$]{1,63}$/;

/**
 * Errors given as facts are reduced to what `errorFacts` keeps (names, codes, constraint and
 * table names): their messages quote SQL, parameters and rows, and drizzle's wrapper even carries
 * the parameters as properties that JSON would print. So `log.error("…", { error })` is safe.
 */
function safeFacts(facts: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts ?? {})) {
    // The `error` fact is reduced and spread flat, unless it is already a bare name; a thrown
    // string may be free text, so it is reduced too.
    if (key === "error" && !(typeof value === "string" && errorName.test(value)))
      Object.assign(out, errorFacts(value));
    else out[key] = value instanceof Error ? errorFacts(value) : value;
  }
  return out;
}

export function createLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Log {
  const emit = (level: string, message: string, facts?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...safeFacts(facts) }));
  return {
    info: (message, facts) => emit("info", message, facts),
    warn: (message, facts) => emit("warn", message, facts),
    error: (message, facts) => emit("error", message, facts),
  };
}
