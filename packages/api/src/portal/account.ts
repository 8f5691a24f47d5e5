import { schema, withTenant } from "@ordinavo/db";
import { isLocale, locales, ZNewPassword } from "@ordinavo/domain";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { portalT, publicProcedure, signedInProcedure } from "../realms/portal";

const ZDone = z.object({ ok: z.literal(true) });

/** Portal sign-in, sign-out and password reset (invitations: ./invitations). */
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

const ZCustomerChoice = z.object({ id: z.string(), name: z.string() });

/**
 * The signed-in contact, the customers they may switch between and the one they are looking at,
 * and the places of that customer shared with them — names only, nothing internal.
 */
export const portalSessionRouter = portalT.router({
  me: signedInProcedure
    .output(
      z.object({
        user: z.object({ name: z.string(), email: z.string(), locale: z.enum(locales) }),
        /** The service provider's time zone: dates and times in the portal read in it. */
        timeZone: z.string(),
        /** Every customer a grant shares with the contact, by name; one of them is current. */
        customers: z.array(ZCustomerChoice),
        currentCustomer: ZCustomerChoice,
        /** The current customer's shared places. */
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
        const { customers, locations } = schema;
        const user = {
          name: ctx.portalUser.name,
          email: ctx.portalUser.email,
          locale: isLocale(ctx.portalUser.locale) ? ctx.portalUser.locale : ("en" as const),
        };
        const customerRows = await tx
          .select({ id: customers.id, name: customers.name })
          .from(customers)
          .where(
            and(
              eq(customers.tenantId, ctx.tenantId),
              inArray(customers.id, [...new Set(grants.map((g) => g.customerId))]),
            ),
          )
          .orderBy(asc(customers.name), asc(customers.id));
        const current = ctx.actor.grants;
        const locationIds = current.flatMap((g) => (g.locationId ? [g.locationId] : []));
        const locationRows = locationIds.length
          ? await tx
              .select({ id: locations.id, name: locations.name })
              .from(locations)
              .where(and(eq(locations.tenantId, ctx.tenantId), inArray(locations.id, locationIds)))
              .orderBy(asc(locations.name))
          : [];
        const currentCustomer = customerRows.find((c) => c.id === ctx.customerId) ?? {
          id: ctx.customerId,
          name: "",
        };
        const wholeCustomer = current.some((g) => g.locationId === null);
        return {
          user,
          timeZone: ctx.service.timeZone,
          customers: customerRows,
          currentCustomer,
          places: wholeCustomer
            ? [{ customerName: currentCustomer.name, locationName: null }]
            : locationRows.map((l) => ({ customerName: currentCustomer.name, locationName: l.name })),
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

  /**
   * Looks at another customer the contact holds a grant for; saved on the account so the next
   * visit opens on it. A customer without a grant is "not found", exactly like a missing one.
   */
  switchCustomer: signedInProcedure
    .input(z.object({ customerId: z.uuid({ error: "Choose a customer" }) }))
    .output(ZDone)
    .mutation(({ ctx, input }) => {
      if (!ctx.portalUser.grants.some((g) => g.customerId === input.customerId)) {
        throw AppError.notFound("This customer");
      }
      return withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        await tx
          .update(schema.portalUsers)
          .set({ currentCustomerId: input.customerId })
          .where(
            and(
              eq(schema.portalUsers.tenantId, ctx.tenantId),
              eq(schema.portalUsers.id, ctx.portalUser.portalUserId),
            ),
          );
        return { ok: true as const };
      });
    }),
});
