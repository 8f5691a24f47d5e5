import type { Transaction } from "@ordinavo/db";
import { schema } from "@ordinavo/db";
import { type OutboxEventData, type OutboxEventName, outboxEventSchemas } from "./events";

/**
 * Records background work in the caller's transaction: the event exists exactly when the write
 * that caused it commits. A rolled-back write leaves nothing behind. `notBefore` delays it.
 */
export async function recordEvent<N extends OutboxEventName>(
  tx: Transaction,
  name: N,
  data: OutboxEventData<N>,
  options: { notBefore?: Date } = {},
): Promise<string> {
  const payload = outboxEventSchemas[name].parse(data) as OutboxEventData<N> & { tenantId: string };
  const [row] = await tx
    .insert(schema.outboxEvents)
    .values({
      tenantId: payload.tenantId,
      name,
      payload,
      // A later start (a webhook retry): the relay leaves the row alone until then.
      ...(options.notBefore ? { nextAttemptAt: options.notBefore } : {}),
    })
    .returning({ id: schema.outboxEvents.id });
  return row!.id;
}

/**
 * Many events of one name in one statement (an import's batch): the same guarantee as
 * `recordEvent`, one round trip instead of one per event.
 */
export async function recordEvents<N extends OutboxEventName>(
  tx: Transaction,
  name: N,
  data: readonly OutboxEventData<N>[],
): Promise<void> {
  if (data.length === 0) return;
  const rows = data.map((one) => {
    const payload = outboxEventSchemas[name].parse(one) as OutboxEventData<N> & { tenantId: string };
    return { tenantId: payload.tenantId, name, payload };
  });
  await tx.insert(schema.outboxEvents).values(rows);
}
