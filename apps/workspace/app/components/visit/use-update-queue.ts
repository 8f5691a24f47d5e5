import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorFields, errorMessage, errorStatus, trpc } from "~/lib/trpc";
import type { VisitView } from "../my-day/types";
import {
  browserStorage,
  dequeue,
  dismissRefused,
  dropOthers,
  enqueue,
  isOutboxKey,
  type OutboxOwner,
  type QueuedUpdate,
  type RefusedUpdate,
  readQueue,
  readRefused,
  refuse,
  retryRefused,
  serverFailed,
  worthRetrying,
} from "./queue";

// Sends the phone's outbox (queue.ts) through the `execution.record` mutation, one update at a
// time and in order. An update leaves the outbox only when the server has answered for it:
// accepted (or recognised as already applied), or refused for good. Without a connection the
// outbox waits, and tries again when the browser says it is back online, every few seconds
// while something waits, and whenever the page comes back into view. Two tabs share the outbox;
// a Web Lock keeps them from sending at the same time (and the server's client ids would make a
// double send harmless anyway). The outbox is the signed-in person's own in this workspace; what
// others left on the phone is dropped unread. An update the server keeps failing on (an error
// tied to that one update) is set aside after a few tries, so it does not hold up the rest.

const RETRY_MS = 10_000;
const LOCK = "ordinavo-execution-outbox";

export type RecordResult = NonNullable<ReturnType<typeof trpc.execution.record.useMutation>["data"]>;

export interface UpdateQueue {
  /** Updates waiting to be sent, oldest first (all visits). */
  pending: QueuedUpdate[];
  /** Updates the server refused (or kept failing on), with its reason. */
  refused: RefusedUpdate[];
  /** The update being sent right now. */
  sendingId: string | null;
  /** The browser says there is no connection. */
  offline: boolean;
  /** True once the outbox was read in the browser (the server render knows nothing of it). */
  ready: boolean;
  add(item: QueuedUpdate): void;
  dismiss(clientId: string): void;
  /** Sends an update the server failed on again. */
  retry(clientId: string): void;
}

export function useUpdateQueue(
  who: OutboxOwner,
  onSent: (item: QueuedUpdate, result: RecordResult) => void,
): UpdateQueue {
  // One owner object per person and workspace, whatever the caller passes from render to render.
  const { tenantId, userId } = who;
  const owner = useMemo(() => ({ tenantId, userId }), [tenantId, userId]);
  const record = trpc.execution.record.useMutation();
  const [pending, setPending] = useState<QueuedUpdate[]>([]);
  const [refused, setRefused] = useState<RefusedUpdate[]>([]);
  const [sendingId, setSendingId] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [ready, setReady] = useState(false);
  const busy = useRef(false);
  // Kept in refs so the senders below stay the same functions from render to render.
  const sent = useRef(onSent);
  sent.current = onSent;
  const send = useRef(record.mutateAsync);
  send.current = record.mutateAsync;

  const refresh = useCallback(() => {
    const storage = browserStorage();
    setPending(readQueue(storage, owner));
    setRefused(readRefused(storage, owner));
  }, [owner]);

  const sendAll = useCallback(async () => {
    const storage = browserStorage();
    for (;;) {
      const [head] = readQueue(storage, owner);
      if (!head) return;
      if (!navigator.onLine) {
        setOffline(true);
        return;
      }
      setSendingId(head.clientId);
      try {
        const result = await send.current({
          clientId: head.clientId,
          appointmentId: head.appointmentId,
          kind: head.kind,
          status: head.status as never,
          body: head.body,
          position: head.position ?? null,
          recordedAt: new Date(head.recordedAt),
        });
        dequeue(storage, owner, head.clientId);
        setOffline(false);
        sent.current(head, result);
      } catch (error) {
        const status = errorStatus(error);
        // A 500 is the server failing on this update; after a few it is set aside and the rest go on.
        if (status === 500 && serverFailed(storage, owner, head)) continue;
        if (worthRetrying(status)) {
          if (status === null) setOffline(true);
          return;
        }
        const fields = Object.values(errorFields(error)).flat();
        refuse(storage, owner, head, { message: errorMessage(error), fields });
      } finally {
        setSendingId(null);
        refresh();
      }
    }
  }, [refresh, owner]);

  const flush = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
      if (locks) await locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? sendAll() : undefined));
      else await sendAll();
    } finally {
      busy.current = false;
    }
  }, [sendAll]);

  useEffect(() => {
    dropOthers(browserStorage(), owner);
    refresh();
    setOffline(!navigator.onLine);
    setReady(true);
    void flush();
    const online = () => {
      setOffline(false);
      void flush();
    };
    const goneOffline = () => setOffline(true);
    const visible = () => {
      if (document.visibilityState === "visible") void flush();
    };
    // Another tab changed the outbox.
    const storage = (event: StorageEvent) => {
      if (event.key === null || isOutboxKey(event.key)) refresh();
    };
    window.addEventListener("online", online);
    window.addEventListener("offline", goneOffline);
    window.addEventListener("storage", storage);
    document.addEventListener("visibilitychange", visible);
    const timer = setInterval(() => {
      if (readQueue(browserStorage(), owner).length) void flush();
    }, RETRY_MS);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", goneOffline);
      window.removeEventListener("storage", storage);
      document.removeEventListener("visibilitychange", visible);
      clearInterval(timer);
    };
  }, [flush, refresh, owner]);

  return {
    pending,
    refused,
    sendingId,
    offline,
    ready,
    add(item) {
      setPending(enqueue(browserStorage(), owner, item));
      void flush();
    },
    dismiss(clientId) {
      setRefused(dismissRefused(browserStorage(), owner, clientId));
    },
    retry(clientId) {
      setPending(retryRefused(browserStorage(), owner, clientId));
      refresh();
      void flush();
    },
  };
}

/** The visit as the phone believes it is: the server's view with the outbox's status changes applied. */
export function optimisticStatus(view: VisitView, pending: readonly QueuedUpdate[]) {
  const mine = pending.filter((item) => item.appointmentId === view.visit.appointmentId);
  const last = [...mine].reverse().find((item) => item.kind === "status_change" && item.status);
  return (last?.status ?? view.visit.status) as VisitView["visit"]["status"];
}
