import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import {
  eraseContact,
  legalHoldOf,
  listRetentionPolicies,
  saveRetentionPolicy,
  setLegalHold,
  ZEraseContactInput,
  ZLegalHoldInput,
  ZRetentionPolicyView,
  ZSaveRetentionPolicyInput,
} from "../services/retention";

/** Retention policies, legal holds and erasure: tenant administration (retention.manage). */
export const retentionRouter = workspaceT.router({
  list: permitted("retention.manage")
    .output(z.array(ZRetentionPolicyView))
    .query(({ ctx }) => listRetentionPolicies(ctx.service)),

  save: permitted("retention.manage")
    .input(ZSaveRetentionPolicyInput)
    .output(z.object({ policy: ZRetentionPolicyView, shortened: z.boolean() }))
    .mutation(({ ctx, input }) => saveRetentionPolicy(ctx.service, input)),

  legalHold: permitted("retention.manage")
    .input(z.object({ customerId: z.uuid() }))
    .output(z.object({ legalHoldAt: z.date().nullable() }))
    .query(({ ctx, input }) => legalHoldOf(ctx.service, input.customerId)),

  setLegalHold: permitted("retention.manage")
    .input(ZLegalHoldInput)
    .output(z.object({ legalHoldAt: z.date().nullable() }))
    .mutation(({ ctx, input }) => setLegalHold(ctx.service, input)),

  eraseContact: permitted("retention.manage")
    .input(ZEraseContactInput)
    .output(z.object({ erasedAt: z.date() }))
    .mutation(({ ctx, input }) => eraseContact(ctx.service, input)),
});
