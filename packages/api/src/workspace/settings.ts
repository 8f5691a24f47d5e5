import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { ZUpdateTenantSettingsInput } from "@ordinavo/domain";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { permitted, workspaceT } from "../realms/workspace";

export const ZTenantSettings = z.object({
  tenantName: z.string(),
  timeZone: z.string(),
  locale: z.string(),
  employeesSeeInternalNotes: z.boolean(),
  webhookIncludeContacts: z.boolean(),
  webhookIncludeBilling: z.boolean(),
  portalEnabled: z.boolean(),
  portalAttachmentDownloads: z.boolean(),
  portalShowsTechnician: z.boolean(),
  managersReviewReports: z.boolean(),
  capturePosition: z.boolean(),
  routeRoadFactor: z.number(),
  routeAverageSpeedKmh: z.number(),
});

/**
 * A change to some settings. Beside the domain's fields: whether employees' status updates carry
 * the phone's position (a tenant choice the employee's screen announces).
 */
export const ZSettingsChange = ZUpdateTenantSettingsInput.extend({
  capturePosition: z.boolean({ error: "Position with status updates must be on or off" }).optional(),
});

export const settingsRouter = workspaceT.router({
  get: permitted("tenant_settings.manage")
    .output(ZTenantSettings)
    .query(({ ctx }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const [row] = await tx
          .select()
          .from(schema.tenantSettings)
          .where(eq(schema.tenantSettings.tenantId, ctx.tenantId));
        if (!row) throw AppError.notFound("The workspace settings");
        return { ...row, tenantName: ctx.membership.tenantName };
      }),
    ),

  update: permitted("tenant_settings.manage")
    .input(ZSettingsChange)
    .output(z.object({ changed: z.array(z.string()) }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const t = schema.tenantSettings;
        const [before] = await tx.select().from(t).where(eq(t.tenantId, ctx.tenantId));
        if (!before) throw AppError.notFound("The workspace settings");
        const changed = (Object.keys(input) as (keyof typeof input)[]).filter(
          (key) => input[key] !== undefined && input[key] !== before[key],
        );
        if (changed.length === 0) return { changed: [] };
        await tx.update(t).set(input).where(eq(t.tenantId, ctx.tenantId));
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: { type: "staff", id: ctx.actor.userId },
          action: "tenant_settings.updated",
          objectType: "tenant",
          objectId: ctx.tenantId,
          changedFields: changed,
        });
        return { changed };
      }),
    ),
});
