import { describe, expect, it } from "vitest";
import {
  dequeue,
  dismissRefused,
  enqueue,
  newClientId,
  type QueuedUpdate,
  readQueue,
  readRefused,
  refuse,
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

describe("the phone's outbox", () => {
  it("keeps updates in the order they were made, each id once", () => {
    const storage = memoryStorage();
    enqueue(storage, item("one"));
    enqueue(storage, item("two", { status: "on_site" }));
    enqueue(storage, item("one"));
    expect(readQueue(storage).map((i) => i.clientId)).toEqual(["one", "two"]);
    dequeue(storage, "one");
    expect(readQueue(storage).map((i) => i.clientId)).toEqual(["two"]);
    dequeue(storage, "two");
    expect(storage.length).toBe(0);
  });

  it("moves a refused update aside with the reason, until it is dismissed", () => {
    const storage = memoryStorage();
    enqueue(storage, item("one"));
    refuse(storage, item("one"), "Too late");
    expect(readQueue(storage)).toEqual([]);
    expect(readRefused(storage)).toEqual([{ ...item("one"), message: "Too late" }]);
    dismissRefused(storage, "one");
    expect(readRefused(storage)).toEqual([]);
  });

  it("survives what another tab or an old version left behind", () => {
    const storage = memoryStorage();
    storage.setItem("ordinavo.execution.outbox.v1", "{not json");
    expect(readQueue(storage)).toEqual([]);
    storage.setItem("ordinavo.execution.outbox.v1", JSON.stringify([{ clientId: 1 }, item("ok")]));
    expect(readQueue(storage).map((i) => i.clientId)).toEqual(["ok"]);
    expect(readQueue(null)).toEqual([]);
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
