import { schema, withTenant } from "@ordinavo/db";
import { isLocale, locales, ZNewPassword } from "@ordinavo/domain";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { portalT, publicProcedure, signedInProcedure } from "../realms/portal";

const ZDone = z.object({ ok: z.literal(true) });

/** Portal sign-in, sign-out and password reset. Invitations arrive with the portal issue. */
export const portalAuthRouter = portalT.router({
  signIn: publicProcedure
    .input(
      z.object({
        email: z.string().trim().min(1, { error: "Enter your email address" }).max(320),
        password: z.string().min(1, { error: "Enter your password" }).max(1024),
      }),
    )
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.portal.signIn({ ...input, ...ctx.request });
      if (!result.ok) {
        throw new AppError(
          result.reason === "throttled" ? "RATE_LIMITED" : "UNAUTHENTICATED",
          result.message,
        );
      }
      ctx.cookies.push(result.cookie);
      return { ok: true as const };
    }),

  signOut: signedInProcedure.output(ZDone).mutation(async ({ ctx }) => {
    ctx.cookies.push(await ctx.services.auth.portal.signOut(ctx.sessionToken));
    return { ok: true as const };
  }),

  requestPasswordReset: publicProcedure
    .input(z.object({ email: z.email({ error: "Enter a valid email address" }) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.auth.portal.requestPasswordReset({
        email: input.email,
        resetUrl: (token) => ctx.services.links.portal(`/reset-password/${token}`),
      });
      return { ok: true as const };
    }),

  resetPassword: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200), password: ZNewPassword }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.portal.resetPassword(input.token, input.password);
      if (!result.ok) {
        if (result.reason === "invalid_token") throw AppError.notFound(result.message);
        throw AppError.field("password", result.message);
      }
      return { ok: true as const };
    }),
});

/** The signed-in contact and the places they may see — names only, nothing internal. */
export const portalSessionRouter = portalT.router({
  me: signedInProcedure
    .output(
      z.object({
        user: z.object({ name: z.string(), email: z.string(), locale: z.enum(locales) }),
        /** The service provider's time zone: dates and times in the portal read in it. */
        timeZone: z.string(),
        places: z.array(
          z.object({
            customerName: z.string(),
            /** null: the whole customer is shared. */
            locationName: z.string().nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const grants = ctx.portalUser.grants;
        const { customers, locations, tenantSettings } = schema;
        const [settings] = await tx
          .select({ timeZone: tenantSettings.timeZone })
          .from(tenantSettings)
          .where(eq(tenantSettings.tenantId, ctx.tenantId));
        const user = {
          name: ctx.portalUser.name,
          email: ctx.portalUser.email,
          locale: isLocale(ctx.portalUser.locale) ? ctx.portalUser.locale : ("en" as const),
        };
        const timeZone = settings?.timeZone ?? "UTC";
        if (grants.length === 0) return { user, timeZone, places: [] };
        const customerRows = await tx
          .select({ id: customers.id, name: customers.name })
          .from(customers)
          .where(
            and(
              eq(customers.tenantId, ctx.tenantId),
              inArray(
                customers.id,
                grants.map((g) => g.customerId),
              ),
            ),
          );
        const locationIds = grants.flatMap((g) => (g.locationId ? [g.locationId] : []));
        const locationRows = locationIds.length
          ? await tx
              .select({ id: locations.id, name: locations.name })
              .from(locations)
              .where(and(eq(locations.tenantId, ctx.tenantId), inArray(locations.id, locationIds)))
          : [];
        const customerName = new Map(customerRows.map((c) => [c.id, c.name]));
        const locationName = new Map(locationRows.map((l) => [l.id, l.name]));
        return {
          user,
          timeZone,
          places: grants.flatMap((g): { customerName: string; locationName: string | null }[] => {
            const name = customerName.get(g.customerId);
            if (!name) return [];
            if (!g.locationId) return [{ customerName: name, locationName: null }];
            const location = locationName.get(g.locationId);
            return location ? [{ customerName: name, locationName: location }] : [];
          }),
        };
      }),
    ),
});

/** What the contact changes about their own account. */
export const portalAccountRouter = portalT.router({
  /** The language the portal and its emails use for this contact. */
  setLocale: signedInProcedure
    .input(z.object({ locale: z.enum(locales, { error: "Choose English or French" }) }))
    .output(ZDone)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        await tx
          .update(schema.portalUsers)
          .set({ locale: input.locale })
          .where(
            and(
              eq(schema.portalUsers.tenantId, ctx.tenantId),
              eq(schema.portalUsers.id, ctx.portalUser.portalUserId),
            ),
          );
        return { ok: true as const };
      }),
    ),
});
