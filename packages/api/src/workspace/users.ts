import { staffRoles, ZCreateStaffInvitationInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { changeRole, inviteMember, listMembers, type PeopleDeps, setMemberDisabled } from "../services/users";

const ZRole = z.enum(staffRoles);

const ZMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  joinedAt: z.date(),
});

const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  expiresAt: z.date(),
  createdAt: z.date(),
});

const people = (services: { auth: PeopleDeps["auth"]; links: { workspace: (path: string) => string } }) => ({
  auth: services.auth,
  workspaceLink: services.links.workspace,
});

/** Tenant admins manage who works in the tenant and with which role. */
export const usersRouter = workspaceT.router({
  list: permitted("user.manage")
    .output(z.object({ members: z.array(ZMember), invitations: z.array(ZInvitation) }))
    .query(({ ctx }) => listMembers(ctx.service)),

  invite: permitted("user.manage")
    .input(ZCreateStaffInvitationInput)
    .output(z.object({ invitationId: z.string() }))
    .mutation(({ ctx, input }) => inviteMember(ctx.service, people(ctx.services), input)),

  changeRole: permitted("user.manage")
    .input(z.object({ userId: z.uuid(), role: ZRole }))
    .output(z.object({ role: ZRole }))
    .mutation(({ ctx, input }) => changeRole(ctx.service, input)),

  setDisabled: permitted("user.manage")
    .input(z.object({ userId: z.uuid(), disabled: z.boolean() }))
    .output(z.object({ disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setMemberDisabled(ctx.service, people(ctx.services), input)),
});
