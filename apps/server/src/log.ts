/**
 * One structured line per event: a message and facts (ids, counts, names of things) — never
 * passwords, tokens, secrets or free text typed by people.
 */
export interface Log {
  info(message: string, facts?: Record<string, unknown>): void;
  warn(message: string, facts?: Record<string, unknown>): void;
  error(message: string, facts?: Record<string, unknown>): void;
}

export function createLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Log {
  const emit = (level: string, message: string, facts?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...facts }));
  return {
    info: (message, facts) => emit("info", message, facts),
    warn: (message, facts) => emit("warn", message, facts),
    error: (message, facts) => emit("error", message, facts),
  };
}
