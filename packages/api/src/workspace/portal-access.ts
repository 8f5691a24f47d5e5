import {
  ZChangePortalAccessInput,
  ZInvitePortalContactInput,
  ZPortalInvitationRefInput,
  ZPortalUserOfCustomerInput,
} from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { portalAccessOf } from "../services/portal-access/overview";
import { ZPortalAccess, ZPortalPreviewTarget } from "../services/portal-access/views";
import {
  changePortalAccess,
  invitePortalContact,
  type PortalAccessDeps,
  portalPreviewTarget,
  resendPortalInvitation,
  revokePortalAccess,
  withdrawPortalInvitation,
} from "../services/portal-access/write";

const deps = (services: { auth: PortalAccessDeps["auth"]; links: { portal: (path: string) => string } }) => ({
  auth: services.auth,
  portalLink: services.links.portal,
});

const ZDone = z.object({ ok: z.literal(true) });

/** Tenant admins share customers with their contacts in the portal (policy: portal_user.manage). */
export const portalAccessRouter = workspaceT.router({
  /** Who sees the customer in the portal, the invitations sent for it, and whom to invite. */
  ofCustomer: permitted("portal_user.manage")
    .input(
      z.object({
        customerId: z.uuid({ error: "Choose a customer" }),
        invitationLimit: z.number().int().min(1).max(200).default(10),
      }),
    )
    .output(ZPortalAccess)
    .query(({ ctx, input }) => portalAccessOf(ctx.service, input)),

  invite: permitted("portal_user.manage")
    .input(ZInvitePortalContactInput)
    .output(z.object({ invitationId: z.string(), email: z.string(), expiresAt: z.date() }))
    .mutation(({ ctx, input }) => invitePortalContact(ctx.service, deps(ctx.services), input)),

  resendInvitation: permitted("portal_user.manage")
    .input(ZPortalInvitationRefInput)
    .output(z.object({ expiresAt: z.date(), sendCount: z.number() }))
    .mutation(({ ctx, input }) => resendPortalInvitation(ctx.service, deps(ctx.services), input)),

  withdrawInvitation: permitted("portal_user.manage")
    .input(ZPortalInvitationRefInput)
    .output(ZDone)
    .mutation(({ ctx, input }) => withdrawPortalInvitation(ctx.service, deps(ctx.services), input)),

  changeAccess: permitted("portal_user.manage")
    .input(ZChangePortalAccessInput)
    .output(z.object({ changed: z.boolean() }))
    .mutation(({ ctx, input }) => changePortalAccess(ctx.service, deps(ctx.services), input)),

  revokeAccess: permitted("portal_user.manage")
    .input(ZPortalUserOfCustomerInput)
    .output(z.object({ remainingGrants: z.number(), sessionsEnded: z.number() }))
    .mutation(({ ctx, input }) => revokePortalAccess(ctx.service, deps(ctx.services), input)),

  /**
   * Checks a "view as portal user" preview: the portal user belongs to the tenant and sees the
   * customer. The preview itself runs the portal's own procedures (`openPortalPreview`).
   */
  previewTarget: permitted("portal_user.manage")
    .input(ZPortalUserOfCustomerInput)
    .output(ZPortalPreviewTarget)
    .query(({ ctx, input }) => portalPreviewTarget(ctx.service, input)),
});
