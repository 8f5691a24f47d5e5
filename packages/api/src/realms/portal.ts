import { type Action, can, type PortalActor, type TenantGates } from "@ordinavo/policy";
import { type ApiServices, type RequestFacts, readCookie, requestFacts } from "../context";
import { AppError } from "../errors";
import { loadGates } from "../members";
import { createRealm } from "../trpc";

export interface PortalIdentity {
  portalUserId: string;
  tenantId: string;
  email: string;
  name: string;
  /** The contact's saved language ("en" or "fr"). */
  locale: string;
  sessionId: string;
  grants: { customerId: string; locationId: string | null }[];
}

/** The portal realm: invited customer contacts with a portal session cookie. */
export interface PortalContext {
  services: ApiServices;
  request: RequestFacts;
  sessionToken: string | null;
  portalUser: PortalIdentity | null;
  cookies: string[];
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
        }
      : null,
    cookies: [],
  };
}

const realm = createRealm<PortalContext>({ checkOrigin: true });
export const portalT = realm.t;

export const publicProcedure = realm.base.meta({ access: "public" });

/** A valid portal session whose user still holds a grant, in a tenant with the portal enabled. */
export const signedInProcedure = realm.base.meta({ access: "signed_in" }).use(async ({ ctx, next }) => {
  const user = ctx.portalUser;
  if (!user || !ctx.sessionToken) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  const gates: TenantGates | null = await loadGates(ctx.services.db, user.tenantId);
  if (!gates?.portalEnabled) throw new AppError("FORBIDDEN", "The portal is not available.");
  const actor: PortalActor = {
    kind: "portal",
    portalUserId: user.portalUserId,
    tenantId: user.tenantId,
    grants: user.grants,
  };
  return next({
    ctx: { portalUser: user, sessionToken: ctx.sessionToken, actor, gates, tenantId: user.tenantId },
  });
});

export function permitted(action: Action) {
  return signedInProcedure.meta({ access: action }).use(({ ctx, next }) => {
    if (!can(ctx.actor, action, ctx.gates)) throw new AppError("FORBIDDEN", "This is not available to you.");
    return next();
  });
}
