import { recordAudit, type Transaction, withSystem, withTenant } from "@ordinavo/db";
import {
  customers,
  type InvitedGrant,
  locations,
  portalInvitations,
  portalUsers,
  tenants,
} from "@ordinavo/db/schema";
import { isLocale, type Locale } from "@ordinavo/domain";
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { normalizeClientAddress } from "../client-address";
import { DAY, later } from "../clock";
import { type AuthContext, cleanUserAgent, type RequestInfo } from "../context";
import { recordLoginEvent, recordSecurityEvents } from "../events";
import { type InvitedPlace, portalInvitationMail } from "../mail/templates";
import { checkNewPassword } from "../new-password";
import { hashPassword } from "../password";
import { confirmExistingPassword, type SignInCandidate, type SignInRealm } from "../sign-in";
import { createToken, hashEmail, hashToken, normalizeEmail } from "../tokens";
import { tenantFacts } from "./accounts";
import { replaceCustomerGrants } from "./grants";

// Portal invitations: staff invite a customer's contact person to see a customer (or some of its
// locations). The mail carries a single-use link that expires; resending replaces the token (the
// old link stops working); staff may withdraw an open invitation. Accepting creates the account
// (name and a new password) or adds the grants to the tenant's existing account with that email
// (confirmed with its password, or directly when the person is signed in to it).

/** Contacts are occasional visitors: a week to find the mail. */
export const PORTAL_INVITATION_LIFETIME_MS = 7 * DAY;

export const INVALID_PORTAL_INVITATION_MESSAGE =
  "This invitation link is not valid any more. Ask your service provider for a new invitation.";

export interface InvitePortalUserInput {
  tenantId: string;
  contactPersonId: string;
  email: string;
  /** The name the new account gets (the contact's name). */
  name: string;
  /** The language of the mail and of the account it creates. */
  locale: Locale;
  customerId: string;
  /** null: the whole customer; otherwise these locations of it. */
  locationIds: readonly string[] | null;
  invitedById: string | null;
  /** Builds the acceptance link around the token (the only place the token goes). */
  acceptUrl: (token: string) => string;
}

/** Why a link does not open an invitation; the page explains each in the reader's language. */
export type PortalInvitationProblem = "unknown" | "expired" | "used" | "withdrawn" | "unavailable";

export interface PortalInvitationView {
  invitationId: string;
  tenantId: string;
  tenantName: string;
  email: string;
  name: string;
  locale: Locale;
  places: InvitedPlace[];
  /** The customer the contact lands on after accepting. */
  customerId: string;
  expiresAt: Date;
  /** The service provider's time zone (the expiry reads in it, as in the mail). */
  timeZone: string;
  /** The tenant's portal account with this email, if there is one. */
  account: { portalUserId: string; hasPassword: boolean } | null;
}

export type PortalInvitationLookup =
  | { ok: true; invitation: PortalInvitationView }
  | { ok: false; problem: PortalInvitationProblem };

export type AcceptPortalInvitationFailure =
  | { ok: false; reason: "invalid_invitation"; problem: PortalInvitationProblem; message: string }
  | { ok: false; reason: "invalid_name"; message: string }
  | { ok: false; reason: "password_rejected"; message: string }
  | { ok: false; reason: "wrong_password"; message: string }
  | { ok: false; reason: "throttled"; message: string; retryAfterSeconds: number };

export interface AcceptPortalInvitationInput {
  /** New accounts only. */
  name?: string | null;
  /** A new password (new accounts, accounts without one) or the current one (existing accounts). */
  password?: string | null;
  /** The language the person read the page in; a new account keeps it. */
  locale?: Locale | null;
  /** The portal account the person is signed in to right now (from their session), if any. */
  signedInUserId?: string | null;
}

export type AcceptPortalInvitationSuccess = {
  ok: true;
  userId: string;
  tenantId: string;
  customerId: string;
  /** A new account was created. */
  created: boolean;
  /** The person was already signed in to the account: no new session is needed. */
  viaSession: boolean;
};

const grantsOf = (customerId: string, locationIds: readonly string[] | null): InvitedGrant[] =>
  locationIds === null
    ? [{ customerId, locationId: null }]
    : [...new Set(locationIds)].map((locationId) => ({ customerId, locationId }));

/** The grants of an invitation by customer: null (the whole customer) or location ids. */
function byCustomer(grants: readonly InvitedGrant[]): Map<string, string[] | null> {
  const result = new Map<string, string[] | null>();
  for (const grant of grants) {
    const known = result.get(grant.customerId);
    if (grant.locationId === null || known === null) result.set(grant.customerId, null);
    else result.set(grant.customerId, [...(known ?? []), grant.locationId]);
  }
  return result;
}

/** Customer and location names for the grants (names only; missing ones are left out). */
export async function placesOf(
  tx: Transaction,
  tenantId: string,
  grants: readonly InvitedGrant[],
): Promise<InvitedPlace[]> {
  const customerIds = [...new Set(grants.map((grant) => grant.customerId))];
  const locationIds = grants.flatMap((grant) => (grant.locationId ? [grant.locationId] : []));
  if (customerIds.length === 0) return [];
  const customerRows = await tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, customerIds)));
  const locationRows = locationIds.length
    ? await tx
        .select({ id: locations.id, name: locations.name })
        .from(locations)
        .where(and(eq(locations.tenantId, tenantId), inArray(locations.id, locationIds)))
    : [];
  const customerName = new Map(customerRows.map((row) => [row.id, row.name]));
  const locationName = new Map(locationRows.map((row) => [row.id, row.name]));
  return grants.flatMap((grant): InvitedPlace[] => {
    const name = customerName.get(grant.customerId);
    if (!name) return [];
    if (!grant.locationId) return [{ customerName: name, locationName: null }];
    const location = locationName.get(grant.locationId);
    return location ? [{ customerName: name, locationName: location }] : [];
  });
}

async function sendInvitationMail(
  ctx: AuthContext,
  input: {
    tenantId: string;
    to: string;
    name: string;
    locale: string;
    places: InvitedPlace[];
    link: string;
    expiresAt: Date;
  },
) {
  const tenant = await tenantFacts(ctx.db, input.tenantId);
  await ctx.mailer.send(
    portalInvitationMail({
      to: input.to,
      locale: isLocale(input.locale) ? input.locale : "en",
      name: input.name,
      tenantName: tenant.name ?? "Ordinavo",
      places: input.places,
      link: input.link,
      expiresAt: input.expiresAt,
      timeZone: tenant.timeZone,
    }),
  );
}

/**
 * Creates a single-use invitation for one customer (or some of its locations) and mails its link
 * in the chosen language. An earlier open invitation of the same address for the same customer
 * stops working. If the mail cannot be sent, the new invitation is withdrawn again and the error
 * propagates. The caller has checked the customer, locations and contact person.
 */
export async function invitePortalUser(
  ctx: AuthContext,
  input: InvitePortalUserInput,
): Promise<{ invitationId: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email);
  const token = createToken();
  const now = ctx.clock();
  const expiresAt = later(ctx.clock, PORTAL_INVITATION_LIFETIME_MS);
  const grants = grantsOf(input.customerId, input.locationIds);
  const i = portalInvitations;
  const { invitationId, places } = await withTenant(ctx.db, input.tenantId, async (tx) => {
    await tx
      .update(i)
      .set({ revokedAt: now })
      .where(
        and(
          eq(i.tenantId, input.tenantId),
          sql`lower(${i.email}) = ${email}`,
          isNull(i.acceptedAt),
          isNull(i.revokedAt),
          sql`${i.grants} @> ${JSON.stringify([{ customerId: input.customerId }])}::jsonb`,
        ),
      );
    const [row] = await tx
      .insert(i)
      .values({
        tenantId: input.tenantId,
        contactPersonId: input.contactPersonId,
        email,
        name: input.name.trim(),
        locale: input.locale,
        grants,
        tokenHash: hashToken(token),
        invitedById: input.invitedById,
        expiresAt,
        lastSentAt: now,
        sendCount: 1,
        createdAt: now,
      })
      .returning({ id: i.id });
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actor: { type: input.invitedById ? "staff" : "system", id: input.invitedById },
      action: "portal_invitation.sent",
      objectType: "portal_invitation",
      objectId: row!.id,
      metadata: {
        customerId: input.customerId,
        contactPersonId: input.contactPersonId,
        locale: input.locale,
        access: input.locationIds === null ? "customer" : "locations",
        locations: input.locationIds?.length ?? 0,
      },
    });
    return { invitationId: row!.id, places: await placesOf(tx, input.tenantId, grants) };
  });
  try {
    await sendInvitationMail(ctx, {
      tenantId: input.tenantId,
      to: email,
      name: input.name,
      locale: input.locale,
      places,
      link: input.acceptUrl(token),
      expiresAt,
    });
  } catch (error) {
    await withTenant(ctx.db, input.tenantId, (tx) =>
      tx.update(i).set({ revokedAt: ctx.clock() }).where(eq(i.id, invitationId)),
    );
    throw error;
  }
  ctx.log.info("Portal invitation created", { tenantId: input.tenantId, invitationId });
  return { invitationId, expiresAt };
}

/**
 * Sends an open invitation again (pending or expired, not accepted or withdrawn) with a new token
 * and a new expiry: the earlier link stops working. Counts the sendings. Null when there is no
 * such open invitation in the tenant.
 */
export async function resendPortalInvitation(
  ctx: AuthContext,
  input: {
    tenantId: string;
    invitationId: string;
    actorUserId: string | null;
    acceptUrl: (token: string) => string;
  },
): Promise<{ expiresAt: Date; sendCount: number } | null> {
  const i = portalInvitations;
  const token = createToken();
  const now = ctx.clock();
  const expiresAt = later(ctx.clock, PORTAL_INVITATION_LIFETIME_MS);
  const updated = await withTenant(ctx.db, input.tenantId, async (tx) => {
    const [row] = await tx
      .update(i)
      .set({
        tokenHash: hashToken(token),
        expiresAt,
        lastSentAt: now,
        sendCount: sql`${i.sendCount} + 1`,
      })
      .where(
        and(
          eq(i.tenantId, input.tenantId),
          eq(i.id, input.invitationId),
          isNull(i.acceptedAt),
          isNull(i.revokedAt),
        ),
      )
      .returning({
        email: i.email,
        name: i.name,
        locale: i.locale,
        grants: i.grants,
        sendCount: i.sendCount,
      });
    if (!row) return null;
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actor: { type: input.actorUserId ? "staff" : "system", id: input.actorUserId },
      action: "portal_invitation.resent",
      objectType: "portal_invitation",
      objectId: input.invitationId,
      changedFields: ["token", "expires_at"],
      metadata: { sendCount: row.sendCount },
    });
    return { ...row, places: await placesOf(tx, input.tenantId, row.grants) };
  });
  if (!updated) return null;
  await sendInvitationMail(ctx, {
    tenantId: input.tenantId,
    to: updated.email,
    name: updated.name,
    locale: updated.locale,
    places: updated.places,
    link: input.acceptUrl(token),
    expiresAt,
  });
  ctx.log.info("Portal invitation sent again", {
    tenantId: input.tenantId,
    invitationId: input.invitationId,
    sendCount: updated.sendCount,
  });
  return { expiresAt, sendCount: updated.sendCount };
}

/** Withdraws an open invitation: its link stops working. False when there is none to withdraw. */
export async function withdrawPortalInvitation(
  ctx: AuthContext,
  input: { tenantId: string; invitationId: string; actorUserId: string | null },
): Promise<boolean> {
  const i = portalInvitations;
  const withdrawn = await withTenant(ctx.db, input.tenantId, async (tx) => {
    const [row] = await tx
      .update(i)
      .set({ revokedAt: ctx.clock() })
      .where(
        and(
          eq(i.tenantId, input.tenantId),
          eq(i.id, input.invitationId),
          isNull(i.acceptedAt),
          isNull(i.revokedAt),
        ),
      )
      .returning({ id: i.id });
    if (!row) return false;
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actor: { type: input.actorUserId ? "staff" : "system", id: input.actorUserId },
      action: "portal_invitation.withdrawn",
      objectType: "portal_invitation",
      objectId: input.invitationId,
      changedFields: ["revoked_at"],
    });
    return true;
  });
  if (withdrawn) {
    ctx.log.info("Portal invitation withdrawn", {
      tenantId: input.tenantId,
      invitationId: input.invitationId,
    });
  }
  return withdrawn;
}

/** The invitation behind a token (system mode: the tenant is not known yet), whatever its state. */
async function invitationByToken(ctx: AuthContext, token: string) {
  if (!token || token.length > 200) return undefined;
  const i = portalInvitations;
  const [row] = await withSystem(ctx.db, (tx) =>
    tx
      .select({
        invitationId: i.id,
        tenantId: i.tenantId,
        tenantName: tenants.name,
        tenantArchivedAt: tenants.archivedAt,
        contactPersonId: i.contactPersonId,
        email: i.email,
        name: i.name,
        locale: i.locale,
        grants: i.grants,
        expiresAt: i.expiresAt,
        acceptedAt: i.acceptedAt,
        revokedAt: i.revokedAt,
      })
      .from(i)
      .innerJoin(tenants, eq(tenants.id, i.tenantId))
      .where(eq(i.tokenHash, hashToken(token)))
      .limit(1),
  );
  return row;
}

type InvitationRow = NonNullable<Awaited<ReturnType<typeof invitationByToken>>>;

function problemOf(row: InvitationRow | undefined, now: Date): PortalInvitationProblem | null {
  if (!row || row.tenantArchivedAt) return "unknown";
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "withdrawn";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

async function accountFor(ctx: AuthContext, tenantId: string, email: string) {
  const u = portalUsers;
  const [row] = await withTenant(ctx.db, tenantId, (tx) =>
    tx
      .select({ id: u.id, passwordHash: u.passwordHash, disabledAt: u.disabledAt })
      .from(u)
      .where(and(eq(u.tenantId, tenantId), sql`lower(${u.email}) = ${normalizeEmail(email)}`))
      .limit(1),
  );
  return row;
}

/** What a link opens: the invitation to accept, or why it cannot be used. */
export async function getPortalInvitation(ctx: AuthContext, token: string): Promise<PortalInvitationLookup> {
  const row = await invitationByToken(ctx, token);
  const problem = problemOf(row, ctx.clock());
  if (problem || !row) return { ok: false, problem: problem ?? "unknown" };
  const account = await accountFor(ctx, row.tenantId, row.email);
  if (account?.disabledAt) return { ok: false, problem: "unavailable" };
  const places = await withTenant(ctx.db, row.tenantId, (tx) => placesOf(tx, row.tenantId, row.grants));
  const { timeZone } = await tenantFacts(ctx.db, row.tenantId);
  return {
    ok: true,
    invitation: {
      invitationId: row.invitationId,
      tenantId: row.tenantId,
      tenantName: row.tenantName,
      email: row.email,
      name: row.name,
      locale: isLocale(row.locale) ? row.locale : "en",
      places,
      customerId: row.grants[0]?.customerId ?? "",
      expiresAt: row.expiresAt,
      timeZone,
      account: account ? { portalUserId: account.id, hasPassword: Boolean(account.passwordHash) } : null,
    },
  };
}

/** Confirming an existing account is a sign-in to exactly that account: throttling, events, rehash. */
function existingAccountRealm(
  ctx: AuthContext,
  tenantId: string,
  account: { id: string; passwordHash: string | null },
): SignInRealm<SignInCandidate> {
  return {
    realm: "portal",
    lookup: async () => [
      { userId: account.id, tenantIds: [tenantId], passwordHash: account.passwordHash, disabled: false },
    ],
    async storePasswordHash(candidate, passwordHash) {
      await withTenant(ctx.db, tenantId, (tx) =>
        tx
          .update(portalUsers)
          .set({ passwordHash })
          .where(and(eq(portalUsers.tenantId, tenantId), eq(portalUsers.id, candidate.userId))),
      );
    },
    async onFailure(candidates, clientAddress) {
      const at = ctx.clock();
      await withTenant(ctx.db, tenantId, (tx) =>
        recordSecurityEvents(
          tx,
          candidates.map((candidate) => ({
            tenantId,
            kind: "sign_in_failed" as const,
            subjectUserId: candidate.userId,
            clientAddress,
            at,
          })),
        ),
      );
    },
  };
}

/**
 * Accepts an invitation. A new person gives a name and a new password and gets an account in the
 * invitation's language; a person with an account in the tenant confirms it with their current
 * password (or is signed in to it already) and the grants are added to it — an invitation never
 * overwrites a password. The invitation's customers get exactly the invited access, the account
 * opens on the invited customer, and the invitation is used up. The caller starts a session
 * unless `viaSession`.
 */
export async function acceptPortalInvitation(
  ctx: AuthContext,
  token: string,
  input: AcceptPortalInvitationInput,
  request: RequestInfo = {},
): Promise<AcceptPortalInvitationSuccess | AcceptPortalInvitationFailure> {
  const invalid = (problem: PortalInvitationProblem) =>
    ({
      ok: false,
      reason: "invalid_invitation",
      problem,
      message: INVALID_PORTAL_INVITATION_MESSAGE,
    }) as const;
  const row = await invitationByToken(ctx, token);
  const problem = problemOf(row, ctx.clock());
  if (problem || !row) return invalid(problem ?? "unknown");
  const { tenantId } = row;
  const email = normalizeEmail(row.email);
  const account = await accountFor(ctx, tenantId, email);
  if (account?.disabledAt) return invalid("unavailable");

  const viaSession = Boolean(account && input.signedInUserId && input.signedInUserId === account.id);
  let newAccount: { name: string; passwordHash: string } | undefined;
  let newPasswordHash: string | undefined;
  let newName: string | undefined;
  if (!viaSession && account?.passwordHash) {
    const refused = await confirmExistingPassword(
      ctx,
      existingAccountRealm(ctx, tenantId, account),
      { email, password: String(input.password ?? ""), ...request },
      "Enter the password you already use to sign in to the customer portal.",
    );
    if (refused) return refused;
  } else if (!viaSession) {
    const name = String(input.name ?? "").trim();
    if (name.length === 0 || name.length > 200) {
      return { ok: false, reason: "invalid_name", message: "Enter your name (at most 200 characters)." };
    }
    const checked = checkNewPassword(input.password, { email });
    if (!checked.ok) return { ok: false, reason: "password_rejected", message: checked.message };
    const passwordHash = await hashPassword(checked.password);
    if (account) {
      newPasswordHash = passwordHash;
      newName = name;
    } else newAccount = { name, passwordHash };
  }

  const customerId = row.grants[0]?.customerId ?? null;
  const i = portalInvitations;
  const u = portalUsers;
  const accepted = await withTenant(ctx.db, tenantId, async (tx) => {
    const now = ctx.clock();
    const [claimed] = await tx
      .update(i)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(i.tenantId, tenantId),
          eq(i.id, row.invitationId),
          isNull(i.acceptedAt),
          isNull(i.revokedAt),
          gt(i.expiresAt, now),
        ),
      )
      .returning({ id: i.id });
    if (!claimed) return null;
    let userId = account?.id;
    if (newAccount) {
      const [created] = await tx
        .insert(u)
        .values({
          tenantId,
          contactPersonId: row.contactPersonId,
          email,
          name: newAccount.name,
          passwordHash: newAccount.passwordHash,
          locale: input.locale ?? (isLocale(row.locale) ? row.locale : "en"),
          currentCustomerId: customerId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: u.id });
      userId = created!.id;
    } else {
      await tx
        .update(u)
        .set({
          currentCustomerId: customerId,
          contactPersonId: sql`coalesce(${u.contactPersonId}, ${row.contactPersonId}::uuid)`,
          ...(newPasswordHash ? { passwordHash: newPasswordHash, name: newName } : {}),
          updatedAt: now,
        })
        .where(and(eq(u.tenantId, tenantId), eq(u.id, userId!)));
    }
    await tx.update(i).set({ portalUserId: userId! }).where(eq(i.id, row.invitationId));
    for (const [grantCustomerId, locationIds] of byCustomer(row.grants)) {
      await replaceCustomerGrants(tx, {
        tenantId,
        portalUserId: userId!,
        customerId: grantCustomerId,
        locationIds,
        grantedById: null,
        now,
      });
    }
    await recordSecurityEvents(tx, [
      {
        tenantId,
        kind: "invitation_accepted",
        subjectUserId: userId!,
        actorUserId: userId!,
        clientAddress: normalizeClientAddress(request.clientAddress),
        at: now,
      },
    ]);
    await recordAudit(tx, {
      tenantId,
      actor: { type: "portal_user", id: userId! },
      action: "portal_invitation.accepted",
      objectType: "portal_invitation",
      objectId: row.invitationId,
      changedFields: ["accepted_at"],
      metadata: { portalUserId: userId!, newAccount: Boolean(newAccount) },
    });
    return userId!;
  });
  if (!accepted) return invalid(problemOf(await invitationByToken(ctx, token), ctx.clock()) ?? "used");
  if (newAccount || newPasswordHash) {
    // A new password was just set: this first session counts as a successful sign-in.
    await recordLoginEvent(ctx.db, {
      realm: "portal",
      outcome: "success",
      tenantIds: [tenantId],
      userId: accepted,
      emailHash: hashEmail(email),
      clientAddress: normalizeClientAddress(request.clientAddress),
      userAgent: cleanUserAgent(request.userAgent),
      at: ctx.clock(),
    });
  }
  ctx.log.info("Portal invitation accepted", {
    tenantId,
    invitationId: row.invitationId,
    userId: accepted,
  });
  return {
    ok: true,
    userId: accepted,
    tenantId,
    customerId: customerId ?? "",
    created: Boolean(newAccount),
    viaSession,
  };
}
