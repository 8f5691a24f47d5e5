import { z } from "zod";
import { AppError } from "../errors";
import { publicProcedure, workspaceT } from "../realms/workspace";

/** Development helpers; each answers NOT_FOUND unless the launcher enabled it. */
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
      if (!ctx.services.devMailbox) throw AppError.notFound("This page");
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
