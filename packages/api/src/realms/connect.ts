import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { type Action, can, type IntegrationActor, type TenantGates } from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import type { ApiServices } from "../context";
import { AppError } from "../errors";
import { gatesOf } from "../members";
import { IDEMPOTENCY_HEADER, idempotencyKeyOf } from "../services/connect/idempotency";
import { noFileStore, type ServiceContext } from "../services/context";
import { createRealm } from "../trpc";

/** The Connect realm: integrations authenticated by an API key (Authorization: Bearer …). */
type KeyContext = { sourceSystem: string | null; gates: TenantGates; timeZone: string };

export interface ConnectContext {
  services: ApiServices;
  apiKey: {
    apiKeyId: string;
    tenantId: string;
    scopes: IntegrationActor["scopes"];
    /** The key's source system and the tenant's gates, read with the key (null: gone since). */
    context?: KeyContext | null;
  } | null;
  /** The request's `Idempotency-Key` header as sent (checked by the write procedures). */
  idempotencyKey?: string | null;
  /** The HTTP request carries several calls (a tRPC batch): one key cannot name them all. */
  batched?: boolean;
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The request's `Idempotency-Key` header, if any. */
export function idempotencyHeader(request: Request): string | null {
  return request.headers.get(IDEMPOTENCY_HEADER);
}

/** True when a tRPC request under `endpoint` names several procedures ("a.list,b.upsert"). */
export function isBatch(request: Request, endpoint: string): boolean {
  const path = new URL(request.url).pathname.slice(endpoint.length);
  return decodeURIComponent(path).includes(",");
}

export async function createConnectContext(options: {
  services: ApiServices;
  apiKey: string | null;
  idempotencyKey?: string | null;
  batched?: boolean;
}): Promise<ConnectContext> {
  // One transaction: the key by its hash, then (as the key's tenant) what the policy needs.
  const verified = options.apiKey
    ? await options.services.auth.apiKeys.verify(options.apiKey, (tx, key) =>
        readKeyContext(tx, key.apiKeyId, key.tenantId),
      )
    : null;
  return {
    services: options.services,
    apiKey: verified,
    idempotencyKey: options.idempotencyKey ?? null,
    batched: options.batched ?? false,
  };
}

/**
 * What the policy needs beside the verified key, in one tenant-scoped read: the key's source
 * system limit (from the key row, never from the request) and the tenant's gates and time zone.
 * Null when either row is gone.
 */
async function readKeyContext(
  tx: Transaction,
  apiKeyId: string,
  tenantId: string,
): Promise<KeyContext | null> {
  const { apiKeys: k, tenantSettings: s } = schema;
  const [row] = await tx
    .select({ sourceSystem: k.sourceSystem, settings: s })
    .from(k)
    .innerJoin(s, eq(s.tenantId, k.tenantId))
    .where(and(eq(k.tenantId, tenantId), eq(k.id, apiKeyId)));
  if (!row) return null;
  return { sourceSystem: row.sourceSystem, gates: gatesOf(row.settings), timeZone: row.settings.timeZone };
}

const realm = createRealm<ConnectContext>();
export const connectT = realm.t;

/** A valid, unrevoked, unexpired API key. */
export const signedInProcedure = realm.base.meta({ access: "signed_in" }).use(async ({ ctx, next }) => {
  if (!ctx.apiKey)
    throw new AppError("UNAUTHENTICATED", "A valid API key is required (Authorization: Bearer …).");
  const { apiKeyId, tenantId, scopes } = ctx.apiKey;
  const key =
    ctx.apiKey.context !== undefined
      ? ctx.apiKey.context
      : await withTenant(ctx.services.db, tenantId, (tx) => readKeyContext(tx, apiKeyId, tenantId));
  if (!key) throw new AppError("UNAUTHENTICATED", "A valid API key is required.");
  const actor: IntegrationActor = {
    kind: "integration",
    apiKeyId,
    tenantId,
    scopes,
    sourceSystem: key.sourceSystem,
  };
  const gates: TenantGates = key.gates;
  const service: ServiceContext<IntegrationActor> = {
    db: ctx.services.db,
    actor,
    tenantId,
    gates,
    timeZone: key.timeZone,

    files: ctx.services.files ?? noFileStore,
  };
  return next({ ctx: { actor, gates, tenantId, service } });
});

/**
 * A write with an API key whose scopes grant `action`, and the request's `Idempotency-Key` checked
 * (null when none was sent). The procedure runs its write through `idempotentWrite`.
 */
export function permittedWrite(action: Action) {
  return permitted(action).use(({ ctx, next }) => {
    const idempotencyKey = idempotencyKeyOf(ctx.idempotencyKey);
    if (idempotencyKey !== null && ctx.batched)
      throw AppError.field(
        "Idempotency-Key",
        "Send a call with an Idempotency-Key on its own, not in a batch of calls.",
      );
    return next({ ctx: { idempotencyKey } });
  });
}

/** An API key whose scopes grant `action`. */
export function permitted(action: Action) {
  return signedInProcedure.meta({ access: action }).use(({ ctx, next }) => {
    if (!can(ctx.actor, action, ctx.gates))
      throw new AppError("FORBIDDEN", `This API key lacks the scope for ${action}.`);
    return next();
  });
}
