import { describe, expect, it } from "vitest";
import {
  dequeue,
  dismissRefused,
  dropOthers,
  enqueue,
  MAX_SERVER_FAILURES,
  newClientId,
  type OutboxOwner,
  type QueuedUpdate,
  queueKey,
  readQueue,
  readRefused,
  refuse,
  refusedKey,
  retryRefused,
  serverFailed,
  worthRetrying,
} from "./queue";

/** A Storage over a Map, as localStorage behaves. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

const item = (clientId: string, extra: Partial<QueuedUpdate> = {}): QueuedUpdate => ({
  clientId,
  appointmentId: "a1",
  kind: "status_change",
  status: "en_route",
  recordedAt: "2027-02-10T08:00:00.000Z",
  ...extra,
});

const me: OutboxOwner = { tenantId: "t1", userId: "u1" };
const colleague: OutboxOwner = { tenantId: "t1", userId: "u2" };

describe("the phone's outbox", () => {
  it("keeps updates in the order they were made, each id once", () => {
    const storage = memoryStorage();
    enqueue(storage, me, item("one"));
    enqueue(storage, me, item("two", { status: "on_site" }));
    enqueue(storage, me, item("one"));
    expect(readQueue(storage, me).map((i) => i.clientId)).toEqual(["one", "two"]);
    dequeue(storage, me, "one");
    expect(readQueue(storage, me).map((i) => i.clientId)).toEqual(["two"]);
    dequeue(storage, me, "two");
    expect(storage.length).toBe(0);
  });

  it("moves a refused update aside with the reason and field messages, until it is dismissed", () => {
    const storage = memoryStorage();
    enqueue(storage, me, item("one"));
    refuse(storage, me, item("one"), { message: "Some fields need attention.", fields: ["Too long"] });
    expect(readQueue(storage, me)).toEqual([]);
    expect(readRefused(storage, me)).toEqual([
      { ...item("one"), message: "Some fields need attention.", fields: ["Too long"] },
    ]);
    dismissRefused(storage, me, "one");
    expect(readRefused(storage, me)).toEqual([]);
  });

  it("is one person's in one workspace: another never reads it, and it is dropped when they sign in", () => {
    const storage = memoryStorage();
    const elsewhere: OutboxOwner = { tenantId: "t2", userId: "u1" };
    enqueue(storage, me, item("mine", { body: "Gate code 1234" }));
    enqueue(storage, elsewhere, item("mine-elsewhere"));
    refuse(storage, me, item("refused"), { message: "No" });
    storage.setItem("ordinavo.execution.outbox.v1", JSON.stringify([item("unowned")]));
    expect(readQueue(storage, colleague)).toEqual([]);
    expect(readRefused(storage, colleague)).toEqual([]);

    // The colleague signs in on the same phone: what others left goes, unread and unsent.
    dropOthers(storage, colleague);
    expect(storage.length).toBe(0);

    // Signing in again keeps the person's own lists, in every workspace.
    enqueue(storage, me, item("mine"));
    enqueue(storage, elsewhere, item("mine-elsewhere"));
    enqueue(storage, colleague, item("theirs"));
    dropOthers(storage, me);
    expect(readQueue(storage, me).map((i) => i.clientId)).toEqual(["mine"]);
    expect(readQueue(storage, elsewhere).map((i) => i.clientId)).toEqual(["mine-elsewhere"]);
    expect(storage.getItem(queueKey(colleague))).toBeNull();
    expect(storage.getItem(refusedKey(colleague))).toBeNull();
  });

  it("sets an update aside after repeated server errors, so the ones behind it go on, and sends it again on request", () => {
    const storage = memoryStorage();
    enqueue(storage, me, item("stuck"));
    enqueue(storage, me, item("next"));
    for (let i = 1; i < MAX_SERVER_FAILURES; i++) {
      expect(serverFailed(storage, me, readQueue(storage, me)[0]!)).toBe(false);
    }
    expect(readQueue(storage, me)[0]).toMatchObject({ clientId: "stuck", failures: MAX_SERVER_FAILURES - 1 });
    expect(serverFailed(storage, me, readQueue(storage, me)[0]!)).toBe(true);
    expect(readQueue(storage, me).map((i) => i.clientId)).toEqual(["next"]);
    expect(readRefused(storage, me)).toMatchObject([{ clientId: "stuck", retry: true }]);

    retryRefused(storage, me, "stuck");
    expect(readRefused(storage, me)).toEqual([]);
    expect(readQueue(storage, me)).toEqual([item("next"), { ...item("stuck"), failures: 0 }]);
  });

  it("survives what another tab or an old version left behind", () => {
    const storage = memoryStorage();
    storage.setItem(queueKey(me), "{not json");
    expect(readQueue(storage, me)).toEqual([]);
    storage.setItem(queueKey(me), JSON.stringify([{ clientId: 1 }, item("ok")]));
    expect(readQueue(storage, me).map((i) => i.clientId)).toEqual(["ok"]);
    expect(readQueue(null, me)).toEqual([]);
  });

  it("retries what may pass later and gives up on refusals", () => {
    expect([null, 500, 503, 401, 429].map(worthRetrying)).toEqual([true, true, true, true, true]);
    expect([400, 403, 404, 409].map(worthRetrying)).toEqual([false, false, false, false]);
  });

  it("makes version 4 ids", () => {
    const id = newClientId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newClientId()).not.toBe(id);
  });
});
