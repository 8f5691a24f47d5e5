import { type Database, type Transaction, withSystem } from "@ordinavo/db";
import { loginEvents, securityEvents } from "@ordinavo/db/schema";
import type { LoginOutcome, LoginRealm, SecurityEventKind } from "@ordinavo/domain/vocabulary";
import { and, eq, gt } from "drizzle-orm";

export interface LoginEventInput {
  realm: LoginRealm;
  outcome: LoginOutcome;
  /** One event per tenant listed (staff members are recorded in each of their tenants, so each
   * tenant's admins see them); an empty list records one event without a tenant. */
  tenantIds: readonly string[];
  userId: string | null;
  emailHash: string;
  clientAddress: string | null;
  userAgent: string | null;
  at: Date;
}

/**
 * Records a sign-in outcome. Written in system mode: the tenant may be unknown (a failure for an
 * address without an account), and such rows belong to the platform only.
 */
export async function recordLoginEvent(db: Database, event: LoginEventInput): Promise<void> {
  const tenants = event.tenantIds.length > 0 ? [...new Set(event.tenantIds)] : [null];
  await withSystem(db, (tx) =>
    tx.insert(loginEvents).values(
      tenants.map((tenantId) => ({
        tenantId,
        realm: event.realm,
        outcome: event.outcome,
        userId: event.userId,
        emailHash: event.emailHash,
        clientAddress: event.clientAddress,
        userAgent: event.userAgent,
        createdAt: event.at,
      })),
    ),
  );
}

/** Did this account sign in successfully from this address since `since`? */
export async function signedInFromAddressSince(
  db: Database,
  realm: LoginRealm,
  emailHash: string,
  clientAddress: string,
  since: Date,
): Promise<boolean> {
  const e = loginEvents;
  const rows = await withSystem(db, (tx) =>
    tx
      .select({ id: e.id })
      .from(e)
      .where(
        and(
          eq(e.realm, realm),
          eq(e.emailHash, emailHash),
          gt(e.createdAt, since),
          eq(e.outcome, "success"),
          eq(e.clientAddress, clientAddress),
        ),
      )
      .limit(1),
  );
  return rows.length > 0;
}

export interface SecurityEventInput {
  tenantId: string;
  kind: SecurityEventKind;
  subjectUserId: string | null;
  actorUserId?: string | null;
  clientAddress?: string | null;
  at: Date;
}

/** Records a portal security event in the caller's transaction (tenant or system mode). */
export async function recordSecurityEvents(
  tx: Transaction,
  events: readonly SecurityEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(securityEvents).values(
    events.map((event) => ({
      tenantId: event.tenantId,
      realm: "portal" as const,
      kind: event.kind,
      subjectUserId: event.subjectUserId,
      actorUserId: event.actorUserId ?? null,
      clientAddress: event.clientAddress ?? null,
      createdAt: event.at,
    })),
  );
}
