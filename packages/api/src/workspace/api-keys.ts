import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { apiKeyScopes, ZCreateApiKeyInput } from "@ordinavo/domain";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { permitted, workspaceT } from "../realms/workspace";

const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(apiKeyScopes)),
  /** The one source system whose external references the key may use; null: every source. */
  sourceSystem: z.string().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
});
type ApiKeyView = z.infer<typeof ZApiKey>;

const summary = (key: ApiKeyView): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  sourceSystem: key.sourceSystem,
  expiresAt: key.expiresAt,
  revokedAt: key.revokedAt,
  lastUsedAt: key.lastUsedAt,
  createdAt: key.createdAt,
});

/** Tenant admins create, list and revoke API keys. The secret is shown once, at creation. */
export const apiKeysRouter = workspaceT.router({
  list: permitted("api_key.manage")
    .output(z.array(ZApiKey))
    .query(async ({ ctx }) => (await ctx.services.auth.apiKeys.list(ctx.tenantId)).map(summary)),

  /** Source systems the tenant's external references use: suggestions for a key's limit. */
  sourceSystems: permitted("api_key.manage")
    .output(z.array(z.string()))
    .query(({ ctx }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const r = schema.externalReferences;
        const rows = await tx
          .selectDistinct({ sourceSystem: r.sourceSystem })
          .from(r)
          .where(eq(r.tenantId, ctx.tenantId))
          .orderBy(asc(r.sourceSystem))
          .limit(200);
        return rows.map((row) => row.sourceSystem);
      }),
    ),

  create: permitted("api_key.manage")
    .input(ZCreateApiKeyInput)
    .output(z.object({ secret: z.string(), apiKey: ZApiKey }))
    .mutation(async ({ ctx, input }) => {
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
        throw AppError.field("expiresAt", "Choose an expiry date in the future.");
      }
      const sourceSystem = input.sourceSystem ?? null;
      const { secret, apiKey } = await ctx.services.auth.apiKeys.create({
        tenantId: ctx.tenantId,
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
        createdById: ctx.actor.userId,
        sourceSystem,
        // The key, its limit and its audit entry are stored together or not at all.
        alsoInTransaction: (tx, key) =>
          recordAudit(tx, {
            tenantId: ctx.tenantId,
            actor: { type: "staff", id: ctx.actor.userId },
            action: "api_key.created",
            objectType: "api_key",
            objectId: key.id,
            // Whether the key is limited, not the source's name (typed text stays out of the log).
            metadata: { scopes: key.scopes.join(" "), sourceLimited: sourceSystem !== null },
          }),
      });
      return { secret, apiKey: summary(apiKey) };
    }),

  revoke: permitted("api_key.manage")
    .input(z.object({ apiKeyId: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await ctx.services.auth.apiKeys.revoke(ctx.tenantId, input.apiKeyId);
      if (!revoked) throw AppError.notFound("This API key");
      await withTenant(ctx.services.db, ctx.tenantId, (tx) =>
        recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: { type: "staff", id: ctx.actor.userId },
          action: "api_key.revoked",
          objectType: "api_key",
          objectId: input.apiKeyId,
        }),
      );
      return { ok: true as const };
    }),
});
