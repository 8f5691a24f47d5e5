import { type Action, can, type IntegrationActor, type TenantGates } from "@ordinavo/policy";
import type { ApiServices } from "../context";
import { AppError } from "../errors";
import { loadGates } from "../members";
import { createRealm } from "../trpc";

/** The Connect realm: integrations authenticated by an API key (Authorization: Bearer …). */
export interface ConnectContext {
  services: ApiServices;
  apiKey: { apiKeyId: string; tenantId: string; scopes: IntegrationActor["scopes"] } | null;
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export async function createConnectContext(options: {
  services: ApiServices;
  apiKey: string | null;
}): Promise<ConnectContext> {
  const verified = options.apiKey ? await options.services.auth.apiKeys.verify(options.apiKey) : null;
  return { services: options.services, apiKey: verified };
}

const realm = createRealm<ConnectContext>();
export const connectT = realm.t;

/** A valid, unrevoked, unexpired API key. */
export const signedInProcedure = realm.base.meta({ access: "signed_in" }).use(async ({ ctx, next }) => {
  if (!ctx.apiKey)
    throw new AppError("UNAUTHENTICATED", "A valid API key is required (Authorization: Bearer …).");
  const gates: TenantGates | null = await loadGates(ctx.services.db, ctx.apiKey.tenantId);
  if (!gates) throw new AppError("UNAUTHENTICATED", "A valid API key is required.");
  const actor: IntegrationActor = {
    kind: "integration",
    apiKeyId: ctx.apiKey.apiKeyId,
    tenantId: ctx.apiKey.tenantId,
    scopes: ctx.apiKey.scopes,
  };
  return next({ ctx: { actor, gates, tenantId: ctx.apiKey.tenantId } });
});

/** An API key whose scopes grant `action`. */
export function permitted(action: Action) {
  return signedInProcedure.meta({ access: action }).use(({ ctx, next }) => {
    if (!can(ctx.actor, action, ctx.gates))
      throw new AppError("FORBIDDEN", `This API key lacks the scope for ${action}.`);
    return next();
  });
}
