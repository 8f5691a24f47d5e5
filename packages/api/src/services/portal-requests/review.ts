import { recordAudit, recordTimeline, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  type AcceptPortalRequestInput,
  type DeclinePortalRequestInput,
  type PortalRequestStatus,
  portalLabels,
  portalRequestMachine,
} from "@ordinavo/domain";
import {
  type Actor,
  can,
  canReviewPortalRequest,
  canSeePortalRequest,
  type PortalRequestFacts,
  project,
  reviewablePortalRequestStatuses,
  type TenantGates,
} from "@ordinavo/policy";
import { and, asc, count, desc, eq, ilike, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { AppError } from "../../errors";
import { attachmentsFor } from "../attachments/list";
import type { StaffContext } from "../context";
import { cursorCodec, keysetPage } from "../cursor";
import { addressLine } from "../execution/views";
import { staffAuditActor } from "../records";
import { createTargetIn } from "../targets/write";
import { likeEscaped } from "../timeline/filters";
import { recordWebhookEvent } from "../webhook-events";
import type { PortalRequestQueueInput } from "./inputs";
import type { RequestQueue, RequestReview } from "./views";

// The office's side: the queue of requests from the portal, one request with everything a
// reviewer needs, and the decision. Staff who read requests (admins, managers, dispatchers) see
// all of the tenant's; deciding is `canReviewPortalRequest` (admins and managers, while the
// request waits). Accepting makes a target with the existing target service, in the decision's
// own transaction, so the request, its target, their timeline entries, audit rows and webhook
// events exist together or not at all.

type RequestRow = typeof schema.portalRequests.$inferSelect;

const factsOf = (row: RequestRow): PortalRequestFacts => ({
  tenantId: row.tenantId,
  customerId: row.customerId,
  locationId: row.locationId,
  status: row.status,
});

/** Staff see requests tenant-wide or not at all (the policy has no per-request rule for them). */
const readsRequests = (ctx: StaffContext) =>
  canSeePortalRequest(
    ctx.actor,
    { tenantId: ctx.tenantId, customerId: "", locationId: "", status: "submitted" },
    ctx.gates,
  );

/** The actor decides requests: may review them and make the target an acceptance creates. */
const decides = (actor: Actor, facts: PortalRequestFacts, gates: TenantGates) =>
  canReviewPortalRequest(actor, facts, gates) && can(actor, "target.write", gates);

const notFound = () => AppError.notFound("This request");

async function visibleRequest(tx: Transaction, ctx: StaffContext, portalRequestId: string, lock = false) {
  const p = schema.portalRequests;
  const query = tx
    .select()
    .from(p)
    .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, portalRequestId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !canSeePortalRequest(ctx.actor, factsOf(row), ctx.gates)) throw notFound();
  return row;
}

/** The request, locked, if the actor may decide it now; FORBIDDEN saying why otherwise. */
async function decidable(tx: Transaction, ctx: StaffContext, portalRequestId: string) {
  const row = await visibleRequest(tx, ctx, portalRequestId, true);
  if (decides(ctx.actor, factsOf(row), ctx.gates)) return row;
  if (!reviewablePortalRequestStatuses.includes(row.status)) {
    throw new AppError("FORBIDDEN", "This request has already been decided.");
  }
  throw new AppError("FORBIDDEN", "Your role does not decide portal requests.");
}

/** Moves a request along the machine, through "in review" when a decision skips it. */
function pathTo(from: PortalRequestStatus, to: PortalRequestStatus): void {
  const steps: PortalRequestStatus[] = from === "submitted" && to !== "in_review" ? ["in_review", to] : [to];
  let current = from;
  for (const next of steps) {
    portalRequestMachine.assertTransition(current, next);
    current = next;
  }
}

/** The decision on the customer's timeline: a portal-visible milestone. */
function reviewedEntry(tx: Transaction, ctx: StaffContext, row: RequestRow, at: Date) {
  return recordTimeline(tx, {
    tenantId: ctx.tenantId,
    customerId: row.customerId,
    locationId: row.locationId,
    kind: "portal_request_reviewed",
    objectType: "portal_request",
    objectId: row.id,
    occurredAt: at,
    actor: staffAuditActor(ctx.actor),
    portalVisible: true,
  });
}

// ---- The queue ----------------------------------------------------------------------------------

const cursor = cursorCodec("timestamp", "uuid");
const waiting: readonly PortalRequestStatus[] = reviewablePortalRequestStatuses;

/**
 * Requests from the portal. Waiting ones (submitted or in review, the default) run oldest first,
 * so the one waiting longest is on top; every other filter shows the newest first.
 */
export function portalRequestQueue(ctx: StaffContext, input: PortalRequestQueueInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx): Promise<RequestQueue> => {
    const { portalRequests: p, customers: c, locations: l, portalUsers: u, attachments: f } = schema;
    const search = input.search?.trim() ?? "";
    const reviews =
      can(ctx.actor, "portal_request.review", ctx.gates) && can(ctx.actor, "target.write", ctx.gates);
    const [counted] = readsRequests(ctx)
      ? await tx
          .select({ n: count() })
          .from(p)
          .where(and(eq(p.tenantId, ctx.tenantId), inArray(p.status, [...waiting])))
      : [{ n: 0 }];
    const base = { filter: input.status, search, waitingCount: counted?.n ?? 0, reviews };
    if (!readsRequests(ctx)) return { ...base, items: [], nextCursor: null };

    const oldestFirst = input.status === "waiting";
    const after = input.cursor ? cursor.decode(input.cursor, "cursor") : null;
    const keyset: SQL | undefined = after
      ? oldestFirst
        ? sql`(${p.createdAt}, ${p.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
        : sql`(${p.createdAt}, ${p.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
      : undefined;
    const status =
      input.status === "waiting"
        ? inArray(p.status, [...waiting])
        : input.status === "all"
          ? undefined
          : eq(p.status, input.status);
    const files = sql<number>`(select count(*)::int from ${f} where ${f.tenantId} = ${p.tenantId}
      and ${f.ownerType} = 'portal_request' and ${f.ownerId} = ${p.id})`;
    const rows = await tx
      .select({
        row: p,
        sortAt: sql<string>`${p.createdAt}::text`,
        customerName: c.name,
        locationName: l.name,
        city: l.city,
        senderName: u.name,
        fileCount: files,
      })
      .from(p)
      .innerJoin(c, and(eq(c.tenantId, p.tenantId), eq(c.id, p.customerId)))
      .innerJoin(l, and(eq(l.tenantId, p.tenantId), eq(l.id, p.locationId)))
      .leftJoin(u, and(eq(u.tenantId, p.tenantId), eq(u.id, p.portalUserId)))
      .where(
        and(
          eq(p.tenantId, ctx.tenantId),
          status,
          search ? ilike(c.name, `%${likeEscaped(search)}%`) : undefined,
          keyset,
        ),
      )
      .orderBy(...(oldestFirst ? [asc(p.createdAt), asc(p.id)] : [desc(p.createdAt), desc(p.id)]))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      cursor.encode([last.sortAt, last.row.id]),
    );
    return {
      ...base,
      items: page.map(({ row, customerName, locationName, city, senderName, fileCount }) => ({
        id: row.id,
        type: row.type,
        title: row.title,
        status: row.status,
        createdAt: row.createdAt,
        customer: { id: row.customerId, name: customerName },
        location: { id: row.locationId, name: locationName, city },
        preferredDates: row.preferredDates,
        senderName,
        fileCount,
      })),
      nextCursor,
    };
  });
}

// ---- One request --------------------------------------------------------------------------------

/** The target's description to start from: what the customer wrote, and the days they prefer. */
function suggestedDescription(row: RequestRow): string {
  if (row.preferredDates.length === 0) return row.description;
  const days = row.preferredDates
    .map((d) => `${d.date} (${portalLabels.time_window[d.window].en.toLowerCase()})`)
    .join(", ");
  return `${row.description}\n\nPreferred dates: ${days}`.slice(0, 5000);
}

/** The sender's contact person, when it is a current contact of the request's customer. */
async function senderContact(tx: Transaction, ctx: StaffContext, row: RequestRow) {
  if (!row.portalUserId) return null;
  const { portalUsers: u, contactPersons: cp } = schema;
  const [found] = await tx
    .select({ contact: cp })
    .from(u)
    .innerJoin(cp, and(eq(cp.tenantId, u.tenantId), eq(cp.id, u.contactPersonId)))
    .where(
      and(
        eq(u.tenantId, ctx.tenantId),
        eq(u.id, row.portalUserId),
        eq(cp.customerId, row.customerId),
        isNull(cp.archivedAt),
      ),
    );
  return found?.contact ?? null;
}

export function portalRequestDetail(ctx: StaffContext, input: { portalRequestId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx): Promise<RequestReview> => {
    const row = await visibleRequest(tx, ctx, input.portalRequestId);
    const { customers: c, locations: l, portalUsers: u, staffUsers: s, targets: t } = schema;
    const [customer] = await tx
      .select({ id: c.id, name: c.name })
      .from(c)
      .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, row.customerId)));
    const [location] = await tx
      .select()
      .from(l)
      .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, row.locationId)));
    const [sender] = row.portalUserId
      ? await tx
          .select({ name: u.name, email: u.email })
          .from(u)
          .where(and(eq(u.tenantId, ctx.tenantId), eq(u.id, row.portalUserId)))
      : [];
    const contactRow = await senderContact(tx, ctx, row);
    const contact = contactRow ? project(ctx.actor, "contact_person", contactRow, ctx.gates) : null;
    const [reviewer] = row.reviewedById
      ? await tx.select({ name: s.name }).from(s).where(eq(s.id, row.reviewedById))
      : [];
    const [target] = row.resultingTargetId
      ? await tx
          .select({ id: t.id, title: t.title, status: t.status })
          .from(t)
          .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, row.resultingTargetId)))
      : [];
    const files = await attachmentsFor(tx, ctx, "portal_request", [row.id]);
    const facts = factsOf(row);
    return {
      request: {
        id: row.id,
        type: row.type,
        title: row.title,
        description: row.description,
        preferredDates: row.preferredDates,
        status: row.status,
        customerMessage: row.customerMessage,
        createdAt: row.createdAt,
        reviewedAt: row.reviewedAt,
      },
      customer: customer ?? { id: row.customerId, name: "A customer" },
      location: {
        id: row.locationId,
        name: location?.name ?? "A location",
        address: location ? addressLine(location) : null,
      },
      sender: sender ?? null,
      contact:
        contactRow && contact?.name
          ? {
              id: contactRow.id,
              name: contact.name,
              email: contact.email ?? null,
              phone: contact.phone ?? contact.mobile ?? null,
            }
          : null,
      reviewedByName: reviewer?.name ?? null,
      target: target ?? null,
      files: files.get(row.id) ?? [],
      suggested: {
        title: row.title,
        description: suggestedDescription(row),
        priority: location?.defaultPriority ?? "normal",
      },
      can: {
        review: decides(ctx.actor, facts, ctx.gates),
        markInReview: decides(ctx.actor, facts, ctx.gates) && row.status === "submitted",
      },
    };
  });
}

// ---- Decisions ----------------------------------------------------------------------------------

/** A reviewer opened it: submitted → in review (the customer sees "In review"). */
export function markPortalRequestInReview(ctx: StaffContext, input: { portalRequestId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const row = await decidable(tx, ctx, input.portalRequestId);
    if (row.status === "in_review") return { id: row.id, status: row.status };
    portalRequestMachine.assertTransition(row.status, "in_review");
    const p = schema.portalRequests;
    await tx
      .update(p)
      .set({ status: "in_review" })
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, row.id)));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "portal_request.in_review",
      objectType: "portal_request",
      objectId: row.id,
      changedFields: ["status"],
      metadata: { from: row.status, to: "in_review" },
    });
    return { id: row.id, status: "in_review" as const };
  });
}

/**
 * Accepted: the request becomes a target of its customer and location, with the sender's contact
 * person when still one of the customer's, source "portal_request" — made by the target service,
 * so it gets its usual timeline entry and audit row — and the request points at it.
 */
export function acceptPortalRequest(ctx: StaffContext, input: AcceptPortalRequestInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const row = await decidable(tx, ctx, input.portalRequestId);
    pathTo(row.status, "accepted");
    const contact = await senderContact(tx, ctx, row);
    const target = await createTargetIn(tx, ctx, {
      customerId: row.customerId,
      locationId: row.locationId,
      contactId: contact?.id ?? null,
      title: input.title,
      description: input.description ?? null,
      priority: input.priority,
      dueDate: input.dueDate ?? null,
      source: "portal_request",
    });
    const now = new Date();
    const p = schema.portalRequests;
    await tx
      .update(p)
      .set({
        status: "accepted",
        reviewedById: ctx.actor.userId,
        reviewedAt: now,
        resultingTargetId: target.id,
        customerMessage: input.customerMessage ?? null,
      })
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, row.id)));
    await reviewedEntry(tx, ctx, row, now);
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "portal_request.accepted",
      objectType: "portal_request",
      objectId: row.id,
      changedFields: ["status", "reviewedById", "reviewedAt", "resultingTargetId"].concat(
        input.customerMessage ? ["customerMessage"] : [],
      ),
      metadata: { customerId: row.customerId, targetId: target.id, from: row.status },
    });
    // The target's `target.created` came from the target service; this is the decision.
    await recordWebhookEvent(tx, ctx, "portal_request.decided", row.id);
    return { id: row.id, status: "accepted" as const, targetId: target.id };
  });
}

/** Declined, with the message the customer reads in the portal. */
export function declinePortalRequest(ctx: StaffContext, input: DeclinePortalRequestInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const row = await decidable(tx, ctx, input.portalRequestId);
    pathTo(row.status, "declined");
    const now = new Date();
    const p = schema.portalRequests;
    await tx
      .update(p)
      .set({
        status: "declined",
        reviewedById: ctx.actor.userId,
        reviewedAt: now,
        customerMessage: input.customerMessage,
      })
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, row.id)));
    await reviewedEntry(tx, ctx, row, now);
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "portal_request.declined",
      objectType: "portal_request",
      objectId: row.id,
      changedFields: ["status", "reviewedById", "reviewedAt", "customerMessage"],
      metadata: { customerId: row.customerId, from: row.status },
    });
    await recordWebhookEvent(tx, ctx, "portal_request.decided", row.id);
    return { id: row.id, status: "declined" as const, targetId: null };
  });
}
