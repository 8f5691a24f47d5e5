import { schema } from "@ordinavo/db";
import { apiKeyScopes } from "@ordinavo/domain";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { connectT, signedInProcedure } from "../realms/connect";
import { connectAppointmentsRouter } from "./appointments";
import { connectContactsRouter } from "./contacts";
import { connectCustomersRouter } from "./customers";
import { connectExternalReferencesRouter } from "./external-references";
import { connectFollowUpsRouter } from "./follow-ups";
import { connectImportsRouter } from "./imports";
import { connectLocationsRouter } from "./locations";
import { connectTargetsRouter } from "./targets";
import { connectVisitReportsRouter } from "./visit-reports";

export const connectRouter = connectT.router({
  /** The key's tenant and scopes: a cheap way for a script to check its configuration. */
  whoami: signedInProcedure
    .output(z.object({ tenantName: z.string(), scopes: z.array(z.enum(apiKeyScopes)) }))
    .query(async ({ ctx }) => {
      const [tenant] = await ctx.services.db
        .select({ name: schema.tenants.name })
        .from(schema.tenants)
        .where(eq(schema.tenants.id, ctx.tenantId));
      return { tenantName: tenant?.name ?? "", scopes: [...ctx.actor.scopes] };
    }),
  customers: connectCustomersRouter,
  locations: connectLocationsRouter,
  contacts: connectContactsRouter,
  externalReferences: connectExternalReferencesRouter,
  imports: connectImportsRouter,
  targets: connectTargetsRouter,
  appointments: connectAppointmentsRouter,
  followUps: connectFollowUpsRouter,
  visitReports: connectVisitReportsRouter,
});

export type ConnectRouter = typeof connectRouter;
