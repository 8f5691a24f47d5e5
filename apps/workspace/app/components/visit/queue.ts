// The phone's outbox for on-site updates. Every update is written here first (localStorage, so it
// survives a reload, a crash or a dead battery) with the id the phone made for it, and leaves only
// once the server has answered. A retry sends the same item with the same id, so the server
// applies it once however often it arrives. Items go out in the order they were made.

export type UpdateKind = "status_change" | "comment" | "problem_report";

export interface QueuedUpdate {
  clientId: string;
  appointmentId: string;
  kind: UpdateKind;
  status?: string;
  body?: string;
  position?: { latitude: number; longitude: number; accuracyMeters: number | null } | null;
  /** When the employee tapped (ISO). */
  recordedAt: string;
  /** How often the server failed on this very update (see `serverFailed`). */
  failures?: number;
}

/** An update the server refused, or kept failing on: kept to show why. */
export interface RefusedUpdate extends QueuedUpdate {
  message: string;
  /** The field messages of a validation refusal ("Keep it under 4000 characters"). */
  fields?: string[];
  /** The server failed rather than refused: the employee may send it again. */
  retry?: boolean;
}

/**
 * Whose outbox it is. A phone may be handed over: each person's updates sit under their own keys
 * in their workspace, so the next person to sign in never sees, nor sends as theirs, what the
 * previous one left.
 */
export interface OutboxOwner {
  tenantId: string;
  userId: string;
}

const PREFIX = "ordinavo.execution.";
export const queueKey = (owner: OutboxOwner) => `${PREFIX}outbox.v2:${owner.tenantId}:${owner.userId}`;
export const refusedKey = (owner: OutboxOwner) => `${PREFIX}refused.v2:${owner.tenantId}:${owner.userId}`;

/** True when a storage key belongs to the outbox (any owner, any version). */
export const isOutboxKey = (key: string) => key.startsWith(PREFIX);

/** After this many server errors on the same update it stops holding up the ones behind it. */
export const MAX_SERVER_FAILURES = 5;

/** The browser's storage, or null where there is none (server render, private modes that refuse it). */
export function browserStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

function isQueued(value: unknown): value is QueuedUpdate {
  if (!value || typeof value !== "object") return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.clientId === "string" &&
    typeof item.appointmentId === "string" &&
    typeof item.kind === "string" &&
    typeof item.recordedAt === "string"
  );
}

function read<T extends QueuedUpdate>(storage: Storage | null, key: string): T[] {
  if (!storage) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? "[]");
    return Array.isArray(parsed) ? (parsed.filter(isQueued) as T[]) : [];
  } catch {
    return [];
  }
}

function write(storage: Storage | null, key: string, items: readonly QueuedUpdate[]) {
  if (!storage) return;
  if (items.length) storage.setItem(key, JSON.stringify(items));
  else storage.removeItem(key);
}

export const readQueue = (storage: Storage | null, owner: OutboxOwner) =>
  read<QueuedUpdate>(storage, queueKey(owner));
export const readRefused = (storage: Storage | null, owner: OutboxOwner) =>
  read<RefusedUpdate>(storage, refusedKey(owner));

/**
 * Forgets what other people left on this phone (and the unowned lists of the first version). The
 * signed-in person's lists in their other workspaces stay: they are sent when they switch back.
 */
export function dropOthers(storage: Storage | null, owner: OutboxOwner) {
  if (!storage) return;
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
  for (const key of keys) {
    if (key && isOutboxKey(key) && !key.endsWith(`:${owner.userId}`)) storage.removeItem(key);
  }
}

/** Adds an update at the end (an id already queued is not queued twice). */
export function enqueue(storage: Storage | null, owner: OutboxOwner, item: QueuedUpdate): QueuedUpdate[] {
  const items = readQueue(storage, owner);
  if (items.some((queued) => queued.clientId === item.clientId)) return items;
  const next = [...items, item];
  write(storage, queueKey(owner), next);
  return next;
}

/** Takes an update out once the server has answered for it. */
export function dequeue(storage: Storage | null, owner: OutboxOwner, clientId: string): QueuedUpdate[] {
  const next = readQueue(storage, owner).filter((item) => item.clientId !== clientId);
  write(storage, queueKey(owner), next);
  return next;
}

/** Moves an update from the queue to the refused list, with the server's reason. */
export function refuse(
  storage: Storage | null,
  owner: OutboxOwner,
  item: QueuedUpdate,
  reason: Pick<RefusedUpdate, "message" | "fields" | "retry">,
): RefusedUpdate[] {
  dequeue(storage, owner, item.clientId);
  const refused = [
    ...readRefused(storage, owner).filter((r) => r.clientId !== item.clientId),
    { ...item, ...reason },
  ];
  write(storage, refusedKey(owner), refused);
  return refused;
}

/**
 * Counts a server error on the update at the head of the queue. Once it has failed
 * MAX_SERVER_FAILURES times it is set aside (to send again by hand) and true is returned: the
 * updates behind it go on.
 */
export function serverFailed(storage: Storage | null, owner: OutboxOwner, item: QueuedUpdate): boolean {
  const failures = (item.failures ?? 0) + 1;
  if (failures >= MAX_SERVER_FAILURES) {
    const message = "The server could not record this update. Send it again later, or tell the office.";
    refuse(storage, owner, { ...item, failures: 0 }, { message, retry: true });
    return true;
  }
  const next = readQueue(storage, owner).map((queued) =>
    queued.clientId === item.clientId ? { ...queued, failures } : queued,
  );
  write(storage, queueKey(owner), next);
  return false;
}

/** Forgets a refused update once the employee has read why. */
export function dismissRefused(
  storage: Storage | null,
  owner: OutboxOwner,
  clientId: string,
): RefusedUpdate[] {
  const next = readRefused(storage, owner).filter((item) => item.clientId !== clientId);
  write(storage, refusedKey(owner), next);
  return next;
}

/** Puts an update the server failed on back at the end of the queue (same id: applied once). */
export function retryRefused(storage: Storage | null, owner: OutboxOwner, clientId: string): QueuedUpdate[] {
  const found = readRefused(storage, owner).find((item) => item.clientId === clientId);
  dismissRefused(storage, owner, clientId);
  if (!found) return readQueue(storage, owner);
  const { message: _message, fields: _fields, retry: _retry, ...item } = found;
  return enqueue(storage, owner, { ...item, failures: 0 });
}

/** A random (version 4) UUID, also where `crypto.randomUUID` is missing (plain http on a LAN). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Whether a failed send may succeed later: no answer (offline, a dead spot), a server error, a
 * lapsed session or a rate limit. Any other refusal is the server's final word on that update.
 */
export function worthRetrying(httpStatus: number | null): boolean {
  return httpStatus === null || httpStatus >= 500 || [401, 408, 429].includes(httpStatus);
}
