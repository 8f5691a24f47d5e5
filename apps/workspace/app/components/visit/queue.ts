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
}

/** An update the server refused (it will never be accepted as it is): kept to show why. */
export interface RefusedUpdate extends QueuedUpdate {
  message: string;
}

export const QUEUE_KEY = "ordinavo.execution.outbox.v1";
export const REFUSED_KEY = "ordinavo.execution.refused.v1";

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

export const readQueue = (storage: Storage | null) => read<QueuedUpdate>(storage, QUEUE_KEY);
export const readRefused = (storage: Storage | null) => read<RefusedUpdate>(storage, REFUSED_KEY);

/** Adds an update at the end (an id already queued is not queued twice). */
export function enqueue(storage: Storage | null, item: QueuedUpdate): QueuedUpdate[] {
  const items = readQueue(storage);
  if (items.some((queued) => queued.clientId === item.clientId)) return items;
  const next = [...items, item];
  write(storage, QUEUE_KEY, next);
  return next;
}

/** Takes an update out once the server has answered for it. */
export function dequeue(storage: Storage | null, clientId: string): QueuedUpdate[] {
  const next = readQueue(storage).filter((item) => item.clientId !== clientId);
  write(storage, QUEUE_KEY, next);
  return next;
}

/** Moves a refused update from the queue to the refused list, with the server's reason. */
export function refuse(storage: Storage | null, item: QueuedUpdate, message: string): RefusedUpdate[] {
  dequeue(storage, item.clientId);
  const refused = [...readRefused(storage).filter((r) => r.clientId !== item.clientId), { ...item, message }];
  write(storage, REFUSED_KEY, refused);
  return refused;
}

/** Forgets a refused update once the employee has read why. */
export function dismissRefused(storage: Storage | null, clientId: string): RefusedUpdate[] {
  const next = readRefused(storage).filter((item) => item.clientId !== clientId);
  write(storage, REFUSED_KEY, next);
  return next;
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
