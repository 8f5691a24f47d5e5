/**
 * What the auth services log through: one structured line per event, a message and facts (ids,
 * kinds, counts). Never passwords, tokens, secrets or free text. The launcher's log fits.
 */
export interface AuthLog {
  info(message: string, facts?: Record<string, unknown>): void;
  warn(message: string, facts?: Record<string, unknown>): void;
}

export const silentLog: AuthLog = { info: () => {}, warn: () => {} };
