import { schema, withTenant } from "@ordinavo/db";
import { hasNoNul, NUL_MESSAGE, objectTypes } from "@ordinavo/domain";
import { canSeeExternalReference, externalReferenceListScope, project } from "@ordinavo/policy";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { ZSince } from "./contact-sync";
import type { ServiceContext } from "./context";
import { cursorCodec, keysetPage, ZCursorInput } from "./cursor";

/** An external reference as an integration receives it (the policy's integration field list). */
export const ZConnectExternalReference = z.object({
  id: z.string(),
  objectType: z.enum(objectTypes),
  objectId: z.string(),
  sourceSystem: z.string(),
  externalId: z.string(),
  createdAt: z.date(),
});

const cursor = cursorCodec("timestamp", "uuid");

export const ZListExternalReferencesInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  after: ZCursorInput,
  /** References are never changed, only added or removed: those added at or after this moment. */
  updatedSince: ZSince.optional(),
  objectType: z.enum(objectTypes, { error: "Choose a known object type" }).optional(),
  objectId: z.uuid({ error: "objectId must be a UUID" }).optional(),
  sourceSystem: z
    .string()
    .trim()
    .min(1, { error: "Give a source system or leave it out" })
    .max(64, { error: "A source system has at most 64 characters" })
    .refine(hasNoNul, { error: NUL_MESSAGE })
    .optional(),
});

/**
 * The tenant's external references this actor may see — "API/source scoped": references of the
 * object kinds its scopes read and, for a key limited to a source system, of that source only.
 * Oldest first, keyset paged.
 */
export async function listExternalReferences(
  ctx: ServiceContext,
  input: z.output<typeof ZListExternalReferencesInput>,
) {
  const scope = externalReferenceListScope(ctx.actor, ctx.gates);
  if (!scope) return { items: [], nextCursor: null };
  if (
    input.sourceSystem !== undefined &&
    scope.sourceSystem !== null &&
    input.sourceSystem !== scope.sourceSystem
  ) {
    throw new AppError("FORBIDDEN", "This API key is limited to the references of another source system.", {
      sourceSystem: ["This API key may read references of its own source system only."],
    });
  }
  if (input.objectType !== undefined && !scope.objectTypes.includes(input.objectType)) {
    throw new AppError("FORBIDDEN", "This API key lacks the scope to read that kind of object.", {
      objectType: ["This API key's scopes do not cover this kind of object."],
    });
  }
  const sourceSystem = scope.sourceSystem ?? input.sourceSystem;
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const r = schema.externalReferences;
    const after = input.after ? cursor.decode(input.after) : null;
    const rows = await tx
      .select({ row: r, createdAtText: sql<string>`${r.createdAt}::text` })
      .from(r)
      .where(
        and(
          eq(r.tenantId, ctx.tenantId),
          inArray(r.objectType, input.objectType ? [input.objectType] : [...scope.objectTypes]),
          input.objectId ? eq(r.objectId, input.objectId) : undefined,
          input.updatedSince ? gte(r.createdAt, input.updatedSince) : undefined,
          sourceSystem !== undefined ? eq(r.sourceSystem, sourceSystem) : undefined,
          after ? sql`(${r.createdAt}, ${r.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(r.createdAt), asc(r.id))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      cursor.encode([last.createdAtText, last.row.id]),
    );
    return {
      // The SQL above is the list form of the policy; each row passes the object check too.
      items: page
        .filter(({ row }) =>
          canSeeExternalReference(
            ctx.actor,
            { tenantId: row.tenantId, objectType: row.objectType, sourceSystem: row.sourceSystem },
            ctx.gates,
          ),
        )
        .map(({ row }) =>
          ZConnectExternalReference.parse(project(ctx.actor, "external_reference", row, ctx.gates)),
        ),
      nextCursor,
    };
  });
}
