import { schema, withTenant } from "@ordinavo/db";
import { canSeeContactPerson, project } from "@ordinavo/policy";
import { and, asc, eq, gte, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "./context";
import { cursorCodec, keysetPage, ZCursorInput } from "./cursor";
import { ZContactView } from "./customers/views";

/**
 * What an integration receives about a contact person: the policy's integration field list.
 * Read with the `contacts:read` scope; the tenant's webhook setting for contacts plays no part
 * (it governs webhook payloads, docs/decisions/013-policy-deviations.md).
 */
export const ZConnectContact = ZContactView.omit({ archivedAt: true }).required();

/**
 * A moment: a Date, or an ISO 8601 text with its offset ("2026-11-20T09:00:00Z"); text without
 * an offset is refused as ambiguous. Bounded so the database never sees an out-of-range value.
 */
const sinceMessage =
  "Give updatedSince as an ISO 8601 date and time with an offset, e.g. 2026-11-20T09:00:00Z";
export const ZSince = z.preprocess(
  (value) =>
    typeof value === "string" && z.iso.datetime({ offset: true }).safeParse(value).success
      ? new Date(value)
      : value,
  z
    .date({ error: sinceMessage })
    .min(new Date("1970-01-01T00:00:00Z"), { error: sinceMessage })
    .max(new Date("9000-01-01T00:00:00Z"), { error: sinceMessage }),
);

/** Pages run in order of last change, then id: a sync passes its last `updatedSince` and pages on. */
const cursor = cursorCodec("timestamp", "uuid");

export const ZListContactsSinceInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  after: ZCursorInput,
  updatedSince: ZSince.optional(),
  customerId: z.uuid({ error: "customerId must be a UUID" }).optional(),
  includeArchived: z.boolean().default(false),
});

/**
 * Contact persons, least recently changed first (for an integration's incremental sync): keyset
 * paged, `updatedSince` keeps those changed at or after that moment. Erased persons never appear.
 */
export function listContactsSince(ctx: ServiceContext, input: z.output<typeof ZListContactsSinceInput>) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const p = schema.contactPersons;
    const after = input.after ? cursor.decode(input.after) : null;
    const rows = await tx
      .select({ row: p, updatedAtText: sql<string>`${p.updatedAt}::text` })
      .from(p)
      .where(
        and(
          eq(p.tenantId, ctx.tenantId),
          input.customerId ? eq(p.customerId, input.customerId) : undefined,
          input.includeArchived ? undefined : isNull(p.archivedAt),
          // An erased person is gone for integrations, archived or not (the row only stays, anonymised,
          // for the records that point at it).
          isNull(p.erasedAt),
          input.updatedSince ? gte(p.updatedAt, input.updatedSince) : undefined,
          after ? sql`(${p.updatedAt}, ${p.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(p.updatedAt), asc(p.id))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      cursor.encode([last.updatedAtText, last.row.id]),
    );
    return {
      // The object check for each row too: an integration sees the tenant's contacts only
      // while its scope lets it (assigned-work facts do not apply to integrations).
      items: page
        .filter(({ row }) =>
          canSeeContactPerson(
            ctx.actor,
            {
              tenantId: row.tenantId,
              customerId: row.customerId,
              locationId: row.locationId,
              assignedEmployeeIds: [],
            },
            ctx.gates,
          ),
        )
        .map(({ row }) => ZConnectContact.parse(project(ctx.actor, "contact_person", row, ctx.gates))),
      nextCursor,
    };
  });
}
