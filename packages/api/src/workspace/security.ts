import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { listLoginEvents, listSecurityEvents } from "../services/security";

const ZPage = z.object({
  realm: z.enum(["staff", "portal"]).optional(),
  before: z.date().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** Sign-in outcomes and portal security events, for tenant admins. No email addresses: hashes only. */
export const securityRouter = workspaceT.router({
  loginEvents: permitted("login_events.read")
    .input(ZPage)
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            realm: z.string(),
            outcome: z.string(),
            userId: z.string().nullable(),
            clientAddress: z.string().nullable(),
            userAgent: z.string().nullable(),
            createdAt: z.date(),
          }),
        ),
        nextBefore: z.date().nullable(),
      }),
    )
    .query(({ ctx, input }) => listLoginEvents(ctx.service, input)),

  securityEvents: permitted("login_events.read")
    .input(ZPage.omit({ realm: true }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            subjectUserId: z.string().nullable(),
            actorUserId: z.string().nullable(),
            clientAddress: z.string().nullable(),
            createdAt: z.date(),
          }),
        ),
        nextBefore: z.date().nullable(),
      }),
    )
    .query(({ ctx, input }) => listSecurityEvents(ctx.service, input)),
});
