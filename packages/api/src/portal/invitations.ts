import { locales } from "@ordinavo/domain";
import { z } from "zod";
import { AppError } from "../errors";
import { portalT, publicProcedure } from "../realms/portal";

// An invitation link in the portal: what it opens (or why it cannot be used), and accepting it.
// Public: the person may have no account yet. The token is the only key; another tenant's, a used,
// withdrawn, replaced or expired token opens nothing.

const ZToken = z.string().min(1).max(200);

const ZPlace = z.object({ customerName: z.string(), locationName: z.string().nullable() });

export const ZPortalInvitationPage = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("open"),
    tenantName: z.string(),
    email: z.string(),
    name: z.string(),
    /** The language the invitation was sent in. */
    locale: z.enum(locales),
    places: z.array(ZPlace),
    expiresAt: z.date(),
    /** The service provider's time zone: the expiry reads in it, as in the mail. */
    timeZone: z.string(),
    /**
     * "none": a new account (name and password); "password": the tenant already has an account
     * with this email (confirm with its password); "signed_in": the reader is signed in to it.
     */
    account: z.enum(["none", "password", "signed_in"]),
  }),
  z.object({ state: z.enum(["unknown", "expired", "used", "withdrawn", "unavailable"]) }),
]);

export const portalInvitationsRouter = portalT.router({
  get: publicProcedure
    .input(z.object({ token: ZToken }))
    .output(ZPortalInvitationPage)
    .query(async ({ ctx, input }) => {
      const found = await ctx.services.auth.portal.getInvitation(input.token);
      if (!found.ok) return { state: found.problem };
      const { invitation } = found;
      const signedIn =
        invitation.account !== null &&
        ctx.portalUser?.tenantId === invitation.tenantId &&
        ctx.portalUser.portalUserId === invitation.account.portalUserId;
      return {
        state: "open" as const,
        tenantName: invitation.tenantName,
        email: invitation.email,
        name: invitation.name,
        locale: invitation.locale,
        places: invitation.places,
        expiresAt: invitation.expiresAt,
        timeZone: invitation.timeZone,
        account: signedIn
          ? ("signed_in" as const)
          : invitation.account?.hasPassword
            ? ("password" as const)
            : ("none" as const),
      };
    }),

  /**
   * Accepts: a new account (name, a new password under the usual rules), or the grants added to
   * the tenant's account with this email (its current password, or nothing when signed in to it).
   * Signs the person in unless they already were.
   */
  accept: publicProcedure
    .input(
      z.object({
        token: ZToken,
        name: z.string().trim().max(200).optional(),
        password: z.string().max(1024).optional(),
        /** The language the page was read in: a new account keeps it. */
        locale: z.enum(locales).optional(),
      }),
    )
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.portal.acceptInvitation(
        input.token,
        {
          name: input.name ?? null,
          password: input.password ?? null,
          locale: input.locale ?? null,
          signedInUserId: ctx.portalUser?.portalUserId ?? null,
        },
        ctx.request,
      );
      if (!result.ok) {
        switch (result.reason) {
          case "invalid_invitation":
            throw new AppError("NOT_FOUND", result.message);
          case "throttled":
            throw new AppError("RATE_LIMITED", result.message);
          case "wrong_password":
            throw new AppError("UNAUTHENTICATED", result.message, { password: [result.message] });
          case "invalid_name":
            throw AppError.field("name", result.message);
          default:
            throw AppError.field("password", result.message);
        }
      }
      if (result.cookie) ctx.cookies.push(result.cookie);
      return { ok: true as const };
    }),
});
