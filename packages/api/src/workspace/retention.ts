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
import { type CustomerExport, exportCustomer } from "../services/retention/export";

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

  /**
   * For the export route: the bundle's name and a `read()` that streams the ZIP. Over HTTP only
   * the description travels (a function does not). Audited when asked for.
   */
  exportCustomer: permitted("retention.manage")
    .input(z.object({ customerId: z.uuid() }))
    .output(
      z.custom<CustomerExport>(
        (value) =>
          typeof value === "object" && value !== null && typeof (value as CustomerExport).read === "function",
      ),
    )
    .query(({ ctx, input }) => exportCustomer(ctx.service, input.customerId)),

  eraseContact: permitted("retention.manage")
    .input(ZEraseContactInput)
    .output(z.object({ erasedAt: z.date() }))
    .mutation(({ ctx, input }) => eraseContact(ctx.service, input)),
});
