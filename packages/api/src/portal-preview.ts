import type { ApiServices } from "./context";
import { AppError, toTRPCError } from "./errors";
import { portalRouter } from "./portal";
import { loadPortalIdentity, type PortalContext, portalT } from "./realms/portal";

// "View as portal user": staff see exactly what one portal user sees, because the page is rendered
// from the portal's own procedures, called as that user. The identity is the one a session of the
// user would carry (read from the database, no session exists), and the context is marked as a
// preview, so the portal realm refuses every mutation before any procedure code runs.

const portalCallerFactory = portalT.createCallerFactory(portalRouter);

export type PortalPreviewApi = ReturnType<typeof portalCallerFactory>;

/**
 * A server-side caller of the portal router as this portal user, read-only. `customerId` picks the
 * customer the preview looks at (it must be granted); without it, the user's own current choice.
 * A missing, disabled or ungranted user is not found. Callers check who may preview
 * (`openPortalPreview` does, through the workspace's policy).
 */
export async function createPortalPreviewCaller(
  services: ApiServices,
  target: { tenantId: string; portalUserId: string; customerId?: string },
): Promise<PortalPreviewApi> {
  const identity = await loadPortalIdentity(services, {
    tenantId: target.tenantId,
    portalUserId: target.portalUserId,
    currentCustomerId: target.customerId,
  });
  // Refused like a procedure would refuse (a tRPC error), so pages handle it with `attempt()`.
  if (!identity || (target.customerId && !identity.grants.some((g) => g.customerId === target.customerId))) {
    throw toTRPCError(AppError.notFound("This portal user"));
  }
  const ctx: PortalContext = {
    services,
    // Not an HTTP request: nothing to record. Mutations are refused as a preview, not as cross-site.
    request: { clientAddress: null, userAgent: null, sameOrigin: true },
    sessionToken: null,
    portalUser: identity,
    cookies: [],
    preview: true,
  };
  return portalCallerFactory(ctx);
}

/** The workspace procedure that says whom a member may preview (policy: portal_user.manage). */
interface PreviewCheck {
  portalAccess: {
    previewTarget(input: { customerId: string; portalUserId: string }): Promise<{
      tenantId: string;
      customerId: string;
      portalUserId: string;
      name: string;
      email: string;
    }>;
  };
}

/**
 * Opens a preview for a workspace page: the signed-in member's workspace caller checks that they
 * may manage portal users and that the portal user belongs to their tenant and sees the customer;
 * then the portal is called as that user, read-only, looking at that customer.
 */
export async function openPortalPreview(
  services: ApiServices,
  workspace: PreviewCheck,
  input: { customerId: string; portalUserId: string },
) {
  const target = await workspace.portalAccess.previewTarget(input);
  const portal = await createPortalPreviewCaller(services, target);
  return { target, portal };
}
