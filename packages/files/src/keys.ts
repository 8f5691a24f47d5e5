// Storage keys are made by the server (a tenant id and a random id), never by a client. Still,
// every driver checks each key before using it, so that no key can ever name a path outside the
// store (no "..", no absolute path, no backslash, no empty segment).

const segment = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Throws unless `key` is one or more "/"-separated segments of letters, digits, ".", "_" and "-". */
export function assertSafeKey(key: string): void {
  const parts = key.split("/");
  if (key.length > 512 || parts.length > 4 || !parts.every((part) => segment.test(part))) {
    throw new Error("Refused an unsafe storage key");
  }
}

/** True when `key` passes assertSafeKey. */
export function isSafeKey(key: string): boolean {
  try {
    assertSafeKey(key);
    return true;
  } catch {
    return false;
  }
}
