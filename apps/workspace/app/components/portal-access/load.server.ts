import { load, type WorkspaceApi } from "~/lib/require.server";

/**
 * The customer's portal access for the customer page, when the member may manage portal users
 * (the policy's portal_user.manage, from session.me); null otherwise. `?invitations=all` lists
 * up to 200 invitations instead of the newest 10.
 */
export function loadPortalAccess(
  request: Request,
  api: WorkspaceApi,
  customerId: string,
  allowedActions: readonly string[],
) {
  if (!allowedActions.includes("portal_user.manage")) return null;
  const all = new URL(request.url).searchParams.get("invitations") === "all";
  return load(request, () => api.portalAccess.ofCustomer({ customerId, invitationLimit: all ? 200 : 10 }));
}
