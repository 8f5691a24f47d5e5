import { type Action, can, type StaffActor } from "@ordinavo/policy";
import { type ApiServices, type RequestFacts, readCookie, requestFacts } from "../context";
import { AppError } from "../errors";
import { loadMembership, type Membership } from "../members";
import { noFileStore, type StaffContext } from "../services/context";
import { createRealm } from "../trpc";

export interface StaffIdentity {
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  activeTenantId: string | null;
}

/** The workspace realm: staff signed in with a staff session cookie. */
export interface WorkspaceContext {
  services: ApiServices;
  request: RequestFacts;
  /** The raw session token from the cookie (sign-out and tenant switch need it). */
  sessionToken: string | null;
  staff: StaffIdentity | null;
  /** Set-Cookie values to send with the response (sign-in, sign-out). */
  cookies: string[];
  /**
   * The membership of the session's active tenant, looked up once per context: a page that calls
   * several procedures through one caller reads it once.
   */
  membership?: Promise<Membership | null>;
}

export async function createWorkspaceContext(options: {
  services: ApiServices;
  request: Request;
  clientAddress?: string | null;
}): Promise<WorkspaceContext> {
  const { services, request } = options;
  const sessionToken = readCookie(request, services.auth.staff.cookieName);
  const validated = sessionToken ? await services.auth.staff.validate(sessionToken) : null;
  return {
    services,
    request: requestFacts(request, services.origins.workspace, options.clientAddress ?? null),
    sessionToken: validated ? sessionToken : null,
    staff: validated
      ? {
          userId: validated.user.id,
          email: validated.user.email,
          name: validated.user.name,
          sessionId: validated.session.id,
          activeTenantId: validated.session.activeTenantId,
        }
      : null,
    cookies: [],
  };
}

const realm = createRealm<WorkspaceContext>({ checkOrigin: true });
export const workspaceT = realm.t;

/** Anyone: sign-in, password reset, invitation acceptance. */
export const publicProcedure = realm.base.meta({ access: "public" });

/** A valid staff session, whatever the tenant. */
export const signedInProcedure = realm.base.meta({ access: "signed_in" }).use(({ ctx, next }) => {
  if (!ctx.staff || !ctx.sessionToken) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  return next({ ctx: { staff: ctx.staff, sessionToken: ctx.sessionToken } });
});

/**
 * A member of the session's active tenant. Tenant, role and gates come from the database on the
 * server — never from the client.
 */
export const memberProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  const membership = await activeMembership(ctx);
  if (!membership) throw new AppError("FORBIDDEN", "Choose a workspace you are a member of.");
  const actor: StaffActor = {
    kind: "staff",
    userId: ctx.staff.userId,
    tenantId: membership.tenantId,
    role: membership.role,
  };
  const service: StaffContext = {
    db: ctx.services.db,
    actor,
    tenantId: membership.tenantId,
    gates: membership.gates,
    timeZone: membership.timeZone,

    files: ctx.services.files ?? noFileStore,
  };
  return next({
    ctx: { tenantId: membership.tenantId, actor, membership, gates: membership.gates, service },
  });
});

/** The membership of the active tenant, loaded once per context (null: none, or disabled). */
export function activeMembership(ctx: WorkspaceContext): Promise<Membership | null> {
  const tenantId = ctx.staff?.activeTenantId;
  if (!ctx.staff || !tenantId) return Promise.resolve(null);
  ctx.membership ??= loadMembership(ctx.services.db, tenantId, ctx.staff.userId);
  return ctx.membership;
}

/** A member whose role (and the tenant's gates) allow `action` under the policy. */
export function permitted(action: Action) {
  return memberProcedure.meta({ access: action }).use(({ ctx, next }) => {
    if (!can(ctx.actor, action, ctx.gates)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
    return next();
  });
}
