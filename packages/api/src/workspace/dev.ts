import { z } from "zod";
import { fromThisMachine } from "../context";
import { AppError } from "../errors";
import { publicProcedure, workspaceT } from "../realms/workspace";

/**
 * Development helpers. They show every tenant's invitation and reset links, so each answers
 * NOT_FOUND — exactly like a page that does not exist — unless the launcher enabled the
 * development mailbox (development mode, asked for, loopback http:// addresses) AND this request
 * comes from this machine, to a loopback host, without a proxy in between.
 */
export const devRouter = workspaceT.router({
  mailbox: publicProcedure
    .input(z.object({ to: z.string().max(320).optional() }).default({}))
    .output(
      z.array(
        z.object({
          id: z.string(),
          to: z.string(),
          subject: z.string(),
          text: z.string(),
          link: z.string().nullable(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      if (!ctx.services.devMailbox || !fromThisMachine(ctx.request)) throw AppError.notFound("This page");
      const mails = await ctx.services.auth.mail.listDevMail({ to: input.to, limit: 50 });
      return mails.map(({ id, to, subject, text, link, createdAt }) => ({
        id,
        to,
        subject,
        text,
        link,
        createdAt,
      }));
    }),
});
