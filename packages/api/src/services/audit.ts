import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { actorTypes, objectTypes, planningDay } from "@ordinavo/domain";
import type { ObjectType } from "@ordinavo/domain/vocabulary";
import { and, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { StaffContext } from "./context";
import { cursorCodec, keysetPage, ZCursorInput } from "./cursor";
import { likeEscaped, localDayRange } from "./timeline/filters";
import { loadPreviews, previewKey } from "./timeline/hydrate";
import { actorNames, ZActorName } from "./timeline/people";

// The audit log as admins read it: who did what to which object, which fields changed, when.
// Entries hold names of fields and structured facts only (recordAudit); this reader adds the
// actor's name and a link to the object where it still exists, never any text of the object.

export const ZAuditLogInput = z.object({
  actorType: z.enum(actorTypes, { error: "Choose who did it" }).optional(),
  actorId: z.uuid({ error: "Choose who did it" }).optional(),
  /** An action or the start of one: "appointment." finds every appointment action. */
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, { error: "Actions are written like appointment.rescheduled" })
    .optional(),
  objectType: z.enum(objectTypes, { error: "Choose one of the listed kinds of object" }).optional(),
  objectId: z.uuid({ error: "Choose an object" }).optional(),
  /** Local days in the tenant's time zone, both included. */
  from: planningDay("Enter the first day as YYYY-MM-DD").optional(),
  to: planningDay("Enter the last day as YYYY-MM-DD").optional(),
  after: ZCursorInput,
  limit: z.number().int().min(1).max(100).default(50),
});
export type AuditLogInput = z.output<typeof ZAuditLogInput>;

const ZFact = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ZAuditEntry = z.object({
  id: z.string(),
  createdAt: z.date(),
  actor: ZActorName,
  action: z.string(),
  objectType: z.enum(objectTypes),
  objectId: z.string().nullable(),
  /** The object's name and page while it exists; null when it is gone or has no page. */
  object: z.object({ label: z.string().nullable(), href: z.string().nullable() }).nullable(),
  changedFields: z.array(z.string()),
  metadata: z.record(z.string(), ZFact),
});

export const ZAuditLog = z.object({
  items: z.array(ZAuditEntry),
  nextCursor: z.string().nullable(),
  /** For the filter: who may appear as an actor, and actions recently recorded. */
  actors: z.array(ZActorName),
  actions: z.array(z.string()),
});

/** Newest first: the entry's time (microseconds, as stored) and its id. */
const byTime = cursorCodec("timestamp", "uuid");

export function auditLog(ctx: StaffContext, input: AuditLogInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const after = input.after ? byTime.decode(input.after) : null;
    const range = localDayRange(ctx, input);
    const l = schema.auditLog;
    const where: SQL = and(
      eq(l.tenantId, ctx.tenantId),
      input.actorType ? eq(l.actorType, input.actorType) : undefined,
      input.actorType === "system" ? isNull(l.actorId) : undefined,
      input.actorId ? eq(l.actorId, input.actorId) : undefined,
      // "Starts with": the typed text matches only itself, then anything.
      input.action ? sql`${l.action} like ${`${likeEscaped(input.action)}%`}` : undefined,
      input.objectType ? eq(l.objectType, input.objectType) : undefined,
      input.objectId ? eq(l.objectId, input.objectId) : undefined,
      range.from ? gte(l.createdAt, range.from) : undefined,
      range.until ? lt(l.createdAt, range.until) : undefined,
      after ? sql`(${l.createdAt}, ${l.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
    )!;
    const rows = await tx
      .select({
        row: l,
        // Microseconds kept: a Date would round the cursor to milliseconds and skip entries.
        createdAtText: sql<string>`${l.createdAt}::text`,
      })
      .from(l)
      .where(where)
      .orderBy(desc(l.createdAt), desc(l.id))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      byTime.encode([last.createdAtText, last.row.id]),
    );

    const nameOf = await actorNames(
      tx,
      ctx,
      page.map(({ row }) => ({ type: row.actorType, id: row.actorId })),
    );
    const objectOf = await objectLabels(
      tx,
      ctx,
      page.flatMap(({ row }) =>
        row.objectId ? [{ objectType: row.objectType, objectId: row.objectId }] : [],
      ),
    );
    return {
      items: page.map(({ row }) => ({
        id: row.id,
        createdAt: row.createdAt,
        actor: nameOf({ type: row.actorType, id: row.actorId })!,
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        object: row.objectId ? objectOf(row.objectType, row.objectId) : null,
        changedFields: row.changedFields,
        metadata: row.metadata,
      })),
      nextCursor,
      actors: await possibleActors(tx, ctx),
      actions: await recentActions(tx, ctx),
    };
  });
}

/**
 * The object's name and page, read with the History's previews (admins see every record) — only
 * its name, never a text of it. Members, keys and the workspace have their settings pages.
 */
async function objectLabels(
  tx: Transaction,
  ctx: StaffContext,
  refs: { objectType: ObjectType; objectId: string }[],
) {
  const previews = await loadPreviews(
    tx,
    ctx,
    refs.filter((ref) => !["membership", "api_key", "tenant"].includes(ref.objectType)),
  );
  const m = schema.tenantMemberships;
  const memberIds = refs.filter((ref) => ref.objectType === "membership").map((ref) => ref.objectId);
  const members = new Map(
    memberIds.length
      ? (
          await tx
            .select({ id: m.id, name: schema.staffUsers.name })
            .from(m)
            .innerJoin(schema.staffUsers, eq(schema.staffUsers.id, m.userId))
            .where(and(eq(m.tenantId, ctx.tenantId), inArray(m.id, memberIds)))
        ).map((row) => [row.id, row.name])
      : [],
  );
  const k = schema.apiKeys;
  const keyIds = refs.filter((ref) => ref.objectType === "api_key").map((ref) => ref.objectId);
  const keys = new Map(
    keyIds.length
      ? (
          await tx
            .select({ id: k.id, name: k.name })
            .from(k)
            .where(and(eq(k.tenantId, ctx.tenantId), inArray(k.id, keyIds)))
        ).map((row) => [row.id, row.name])
      : [],
  );
  return (type: ObjectType, id: string) => {
    if (type === "membership") {
      const name = members.get(id);
      return name ? { label: name, href: "/settings/users" } : null;
    }
    if (type === "api_key") {
      const name = keys.get(id);
      return name ? { label: name, href: "/settings/api-keys" } : null;
    }
    if (type === "tenant")
      return id === ctx.tenantId ? { label: "Settings", href: "/settings/workspace" } : null;
    const preview = previews.get(previewKey(type, id));
    if (typeof preview !== "object") return null;
    // A follow-up's title in the History is the start of its text: here the kind of object says it.
    return { label: type === "follow_up" ? null : preview.title, href: preview.href };
  };
}

/** Everyone who can appear as an actor: members (former ones too), integrations, the system. */
async function possibleActors(tx: Transaction, ctx: StaffContext) {
  const { tenantMemberships: m, staffUsers: u, apiKeys: k } = schema;
  const people = await tx
    .select({ id: u.id, name: u.name })
    .from(m)
    .innerJoin(u, eq(u.id, m.userId))
    .where(eq(m.tenantId, ctx.tenantId))
    .orderBy(u.name)
    .limit(500);
  const keys = await tx
    .select({ id: k.id, name: k.name })
    .from(k)
    .where(eq(k.tenantId, ctx.tenantId))
    .orderBy(k.name)
    .limit(200);
  return [
    ...people.map((p) => ({ type: "staff" as const, id: p.id, name: p.name })),
    ...keys.map((key) => ({ type: "integration" as const, id: key.id, name: key.name })),
    { type: "system" as const, id: null, name: "System" },
  ];
}

/** Actions among the tenant's latest 2,000 entries (suggestions for the filter; cheap on a long log). */
async function recentActions(tx: Transaction, ctx: StaffContext) {
  const l = schema.auditLog;
  const recent = tx
    .select({ action: l.action })
    .from(l)
    .where(eq(l.tenantId, ctx.tenantId))
    .orderBy(desc(l.createdAt))
    .limit(2000)
    .as("recent");
  const rows = await tx.selectDistinct({ action: recent.action }).from(recent).orderBy(recent.action);
  return rows.map((row) => row.action);
}
