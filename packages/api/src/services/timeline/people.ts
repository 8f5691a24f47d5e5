import { schema, type Transaction } from "@ordinavo/db";
import type { ActorType } from "@ordinavo/domain/vocabulary";
import { can, fieldsFor } from "@ordinavo/policy";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { StaffContext } from "../context";

// Who did something, by name: staff members of the tenant, integrations by their API key's name,
// portal users by theirs, and the system. The history and the audit log both name actors this way.
// A key's name is the key's own field (the policy gives API keys to admins only), and portal users
// are named to those who administer portal access: everyone else reads "An integration" or "A
// portal user", without the id.

export const ZActorName = z.object({
  type: z.enum(["staff", "portal_user", "integration", "system"]),
  id: z.string().nullable(),
  name: z.string(),
});
export type ActorName = z.infer<typeof ZActorName>;

export interface ActorRef {
  type: ActorType;
  id: string | null;
}

const fallbackName: Record<ActorType, string> = {
  staff: "A former member",
  portal_user: "A portal user",
  integration: "An integration",
  system: "System",
};

/** Whether the viewer may know which API key or portal user it was (staff and system: always). */
function namesActorsOf(ctx: StaffContext, type: ActorType): boolean {
  switch (type) {
    case "integration":
      return fieldsFor(ctx.actor, "api_key", ctx.gates)?.includes("name") ?? false;
    case "portal_user":
      return can(ctx.actor, "portal_user.manage", ctx.gates);
    default:
      return true;
  }
}

/** Resolves many actors at once (one query per actor type present); unknown ids get a plain word. */
export async function actorNames(tx: Transaction, ctx: StaffContext, refs: readonly (ActorRef | null)[]) {
  const idsOf = (type: ActorType) =>
    namesActorsOf(ctx, type)
      ? [...new Set(refs.flatMap((ref) => (ref?.type === type && ref.id ? [ref.id] : [])))]
      : [];
  const names = new Map<string, string>();
  const staffIds = idsOf("staff");
  if (staffIds.length) {
    // Only members (current or former) of this tenant: an id from elsewhere names nobody.
    const { staffUsers: u, tenantMemberships: m } = schema;
    const rows = await tx
      .select({ id: u.id, name: u.name })
      .from(u)
      .innerJoin(m, and(eq(m.userId, u.id), eq(m.tenantId, ctx.tenantId)))
      .where(inArray(u.id, staffIds));
    for (const row of rows) names.set(`staff:${row.id}`, row.name);
  }
  const keyIds = idsOf("integration");
  if (keyIds.length) {
    const k = schema.apiKeys;
    const rows = await tx
      .select({ id: k.id, name: k.name })
      .from(k)
      .where(and(eq(k.tenantId, ctx.tenantId), inArray(k.id, keyIds)));
    for (const row of rows) names.set(`integration:${row.id}`, row.name);
  }
  const portalIds = idsOf("portal_user");
  if (portalIds.length) {
    const p = schema.portalUsers;
    const rows = await tx
      .select({ id: p.id, name: p.name })
      .from(p)
      .where(and(eq(p.tenantId, ctx.tenantId), inArray(p.id, portalIds)));
    for (const row of rows) names.set(`portal_user:${row.id}`, row.name);
  }
  return (ref: ActorRef | null): ActorName | null => {
    if (!ref) return null;
    if (!namesActorsOf(ctx, ref.type)) return { type: ref.type, id: null, name: fallbackName[ref.type] };
    const name = ref.id ? names.get(`${ref.type}:${ref.id}`) : undefined;
    return { type: ref.type, id: ref.id, name: name ?? fallbackName[ref.type] };
  };
}
