import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane) — about 50 ms here. Hashes made
 * with weaker parameters are upgraded at the next successful sign-in (see `needsRehash`).
 */
export const PASSWORD_HASH_PARAMS = {
  algorithm: 2, // Algorithm.Argon2id; the package declares it as a const enum
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed verification, never a crash or a hint.
    return false;
  }
}

/** True when a stored hash is not argon2id or uses weaker parameters than today's. */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [, m, t, p] = match.map(Number);
  return (
    m! < PASSWORD_HASH_PARAMS.memoryCost ||
    t! < PASSWORD_HASH_PARAMS.timeCost ||
    p! < PASSWORD_HASH_PARAMS.parallelism
  );
}
