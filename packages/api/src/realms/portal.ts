import { schema, withTenant } from "@ordinavo/db";
import { type Action, can, type PortalActor, type TenantGates } from "@ordinavo/policy";
import { and, asc, eq, isNull } from "drizzle-orm";
import { type ApiServices, type RequestFacts, readCookie, requestFacts } from "../context";
import { AppError } from "../errors";
import { gatesOf } from "../members";
import { noFileStore, type PortalServiceContext } from "../services/context";
import { createRealm } from "../trpc";

export interface PortalIdentity {
  portalUserId: string;
  tenantId: string;
  email: string;
  name: string;
  /** The contact's saved language ("en" or "fr"). */
  locale: string;
  sessionId: string;
  /** Every unrevoked grant, across the customers the contact may switch between. */
  grants: PortalGrant[];
  /** The customer the contact last chose; a hint only, see `currentCustomer`. */
  currentCustomerId: string | null;
}

export interface PortalGrant {
  customerId: string;
  locationId: string | null;
}

/**
 * The customer a portal request is about: the saved choice when a grant still covers it, else
 * the customer of the oldest grant. A contact with several customers sees one at a time.
 */
export function currentCustomer(identity: Pick<PortalIdentity, "grants" | "currentCustomerId">): string {
  const chosen = identity.currentCustomerId;
  if (chosen && identity.grants.some((g) => g.customerId === chosen)) return chosen;
  const first = identity.grants[0];
  if (!first) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  return first.customerId;
}

/** The portal realm: invited customer contacts with a portal session cookie. */
export interface PortalContext {
  services: ApiServices;
  request: RequestFacts;
  sessionToken: string | null;
  portalUser: PortalIdentity | null;
  cookies: string[];
  /**
   * Staff looking at the portal as this contact sees it ("view as portal user"): no session, the
   * identity built from the database, and every mutation refused before any procedure code runs.
   */
  preview?: boolean;
}

export const PREVIEW_READ_ONLY_MESSAGE = "This is a read-only preview of the portal.";

/**
 * The identity a portal session of this user would carry, read from the database: the enabled
 * user of the tenant and their unrevoked grants (oldest first, as the session adapter reads them).
 * Null when the user is missing, disabled or holds no grant — a session would not validate either.
 */
export async function loadPortalIdentity(
  services: Pick<ApiServices, "db">,
  input: { tenantId: string; portalUserId: string; currentCustomerId?: string | null },
): Promise<PortalIdentity | null> {
  return withTenant(services.db, input.tenantId, async (tx) => {
    const u = schema.portalUsers;
    const g = schema.portalAccessGrants;
    const [user] = await tx
      .select()
      .from(u)
      .where(and(eq(u.tenantId, input.tenantId), eq(u.id, input.portalUserId)));
    if (!user || user.disabledAt) return null;
    const grants = await tx
      .select({ customerId: g.customerId, locationId: g.locationId })
      .from(g)
      .where(and(eq(g.tenantId, input.tenantId), eq(g.portalUserId, user.id), isNull(g.revokedAt)))
      .orderBy(asc(g.createdAt), asc(g.id));
    if (grants.length === 0) return null;
    return {
      portalUserId: user.id,
      tenantId: user.tenantId,
      email: user.email,
      name: user.name,
      locale: user.locale,
      sessionId: "preview",
      grants,
      currentCustomerId:
        input.currentCustomerId === undefined ? user.currentCustomerId : input.currentCustomerId,
    };
  });
}

export async function createPortalContext(options: {
  services: ApiServices;
  request: Request;
  clientAddress?: string | null;
}): Promise<PortalContext> {
  const { services, request } = options;
  const sessionToken = readCookie(request, services.auth.portal.cookieName);
  const validated = sessionToken ? await services.auth.portal.validate(sessionToken) : null;
  return {
    services,
    request: requestFacts(request, services.origins.portal, options.clientAddress ?? null),
    sessionToken: validated ? sessionToken : null,
    portalUser: validated
      ? {
          portalUserId: validated.user.id,
          tenantId: validated.user.tenantId,
          email: validated.user.email,
          name: validated.user.name,
          locale: validated.user.locale,
          sessionId: validated.session.id,
          grants: validated.user.grants,
          currentCustomerId: validated.user.currentCustomerId,
        }
      : null,
    cookies: [],
  };
}

const realm = createRealm<PortalContext>({ checkOrigin: true });
export const portalT = realm.t;

/**
 * Every portal procedure starts here: in a preview, nothing may change — no mutation, and no file
 * opened (opening a file records a download in the contact's name).
 */
const base = realm.base.use(({ ctx, type, path, next }) => {
  if (ctx.preview && (type === "mutation" || path.endsWith(".openFile"))) {
    throw new AppError("FORBIDDEN", PREVIEW_READ_ONLY_MESSAGE);
  }
  return next();
});

export const publicProcedure = base.meta({ access: "public" });

/**
 * A valid portal session whose user still holds a grant, in a tenant with the portal enabled. The
 * actor carries the grants of the current customer only, so every check and list of the request
 * stays inside the customer the contact is looking at (`ctx.customerId`).
 */
export const signedInProcedure = base.meta({ access: "signed_in" }).use(async ({ ctx, next }) => {
  const user = ctx.portalUser;
  if (!user || !(ctx.sessionToken || ctx.preview)) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  const settings = await withTenant(ctx.services.db, user.tenantId, async (tx) => {
    const s = schema.tenantSettings;
    const [row] = await tx.select().from(s).where(eq(s.tenantId, user.tenantId));
    return row ?? null;
  });
  const gates: TenantGates | null = settings ? gatesOf(settings) : null;
  if (!settings || !gates?.portalEnabled) throw new AppError("FORBIDDEN", "The portal is not available.");
  const customerId = currentCustomer(user);
  const actor: PortalActor = {
    kind: "portal",
    portalUserId: user.portalUserId,
    tenantId: user.tenantId,
    grants: user.grants.filter((g) => g.customerId === customerId),
  };
  const service: PortalServiceContext = {
    db: ctx.services.db,
    actor,
    tenantId: user.tenantId,
    gates,
    timeZone: settings.timeZone,
    files: ctx.services.files ?? noFileStore,
    customerId,
  };
  return next({
    ctx: {
      service,
      portalUser: user,
      /** Empty in a preview (which refuses every mutation, sign-out included). */
      sessionToken: ctx.sessionToken ?? "",
      preview: ctx.preview === true,
      actor,
      gates,
      tenantId: user.tenantId,
      customerId,
    },
  });
});

export function permitted(action: Action) {
  return signedInProcedure.meta({ access: action }).use(({ ctx, next }) => {
    if (!can(ctx.actor, action, ctx.gates)) throw new AppError("FORBIDDEN", "This is not available to you.");
    return next();
  });
}
