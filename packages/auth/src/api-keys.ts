import { randomBytes } from "node:crypto";
import { type Database, enterTenant, type Transaction, withSystem, withTenant } from "@ordinavo/db";
import { apiKeys } from "@ordinavo/db/schema";
import type { ApiKeyScope } from "@ordinavo/domain/vocabulary";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { type Clock, MINUTE, systemClock } from "./clock";
import { hashToken } from "./tokens";

/**
 * API key secrets read `ordv_<prefix>_<random>`: a fixed marker (secret scanners can recognise
 * it), 8 hex characters that identify the key in lists, and 32 random bytes in base64url. Only
 * the prefix and the SHA-256 of the whole secret are stored.
 */
const SECRET_SHAPE = /^ordv_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** last_used_at is written at most this often per key, so busy integrations do not write per call. */
export const API_KEY_LAST_USED_RESOLUTION_MS = 1 * MINUTE;

export interface CreateApiKeyInput {
  tenantId: string;
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: Date | null;
  createdById: string | null;
  /** The one source system the key is limited to (its external references); null: any. */
  sourceSystem?: string | null;
  /**
   * Work that must happen with the key or not at all (the audit entry), run in the transaction
   * that inserts it.
   */
  alsoInTransaction?: (tx: Transaction, key: ApiKeySummary) => Promise<void>;
}

/** An API key as lists show it — never the secret or its hash. */
export interface ApiKeySummary {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdById: string | null;
  createdAt: Date;
  sourceSystem: string | null;
}

export interface VerifiedApiKey {
  apiKeyId: string;
  tenantId: string;
  scopes: ApiKeyScope[];
}

const summaryColumns = {
  id: apiKeys.id,
  tenantId: apiKeys.tenantId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
  createdById: apiKeys.createdById,
  createdAt: apiKeys.createdAt,
  sourceSystem: apiKeys.sourceSystem,
};

/** A new random secret and its parts. */
export function generateApiKeySecret(): { secret: string; prefix: string } {
  const prefix = randomBytes(4).toString("hex");
  const secret = `ordv_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { secret, prefix };
}

/**
 * Creates a key for a tenant. The secret is returned once, here; afterwards only its hash exists.
 * An expiry, when given, must lie in the future.
 */
export async function createApiKey(
  db: Database,
  input: CreateApiKeyInput,
  clock: Clock = systemClock,
): Promise<{ secret: string; apiKey: ApiKeySummary }> {
  const name = input.name.trim();
  if (!name) throw new RangeError("An API key needs a name.");
  if (input.scopes.length === 0) throw new RangeError("An API key needs at least one scope.");
  if (input.expiresAt && input.expiresAt.getTime() <= clock().getTime()) {
    throw new RangeError("An API key's expiry must lie in the future.");
  }
  const { secret, prefix } = generateApiKeySecret();
  const apiKey = await withTenant(db, input.tenantId, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        tenantId: input.tenantId,
        name,
        prefix,
        secretHash: hashToken(secret),
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt ?? null,
        createdById: input.createdById,
        createdAt: clock(),
        sourceSystem: input.sourceSystem ?? null,
      })
      .returning(summaryColumns);
    await input.alsoInTransaction?.(tx, row!);
    return row!;
  });
  return { secret, apiKey };
}

/**
 * The key behind a secret, or null when the secret is malformed, unknown, revoked or expired.
 * Records the use (at most once a minute per key). `then` runs in the same transaction, switched to
 * the key's tenant (enterTenant), and its answer comes back as `context`: what the caller needs
 * next about the tenant, without a second transaction.
 */
export async function verifyApiKey<T = undefined>(
  db: Database,
  secret: string,
  clock: Clock = systemClock,
  then?: (tx: Transaction, key: VerifiedApiKey) => Promise<T>,
): Promise<(VerifiedApiKey & { context?: T }) | null> {
  const match = typeof secret === "string" ? SECRET_SHAPE.exec(secret.trim()) : null;
  if (!match) return null;
  const now = clock();
  const k = apiKeys;
  return withSystem(db, async (tx) => {
    const [row] = await tx
      .select({
        id: k.id,
        tenantId: k.tenantId,
        prefix: k.prefix,
        scopes: k.scopes,
        expiresAt: k.expiresAt,
        revokedAt: k.revokedAt,
        lastUsedAt: k.lastUsedAt,
      })
      .from(k)
      .where(eq(k.secretHash, hashToken(secret.trim())))
      .limit(1);
    if (!row || row.prefix !== match[1] || row.revokedAt) return null;
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= API_KEY_LAST_USED_RESOLUTION_MS) {
      const stale = new Date(now.getTime() - API_KEY_LAST_USED_RESOLUTION_MS);
      await tx
        .update(k)
        .set({ lastUsedAt: now })
        .where(and(eq(k.id, row.id), or(isNull(k.lastUsedAt), lt(k.lastUsedAt, stale))));
    }
    const key: VerifiedApiKey = { apiKeyId: row.id, tenantId: row.tenantId, scopes: row.scopes };
    if (!then) return key;
    await enterTenant(tx, row.tenantId);
    return { ...key, context: await then(tx, key) };
  });
}

/** Revokes a key of the tenant. False when there is no such (unrevoked) key in that tenant. */
export async function revokeApiKey(
  db: Database,
  input: { tenantId: string; apiKeyId: string },
  clock: Clock = systemClock,
): Promise<boolean> {
  const k = apiKeys;
  const rows = await withTenant(db, input.tenantId, (tx) =>
    tx
      .update(k)
      .set({ revokedAt: clock() })
      .where(and(eq(k.tenantId, input.tenantId), eq(k.id, input.apiKeyId), isNull(k.revokedAt)))
      .returning({ id: k.id }),
  );
  return rows.length > 0;
}

/** The tenant's keys, newest first, inside the caller's withTenant transaction. */
export async function listApiKeys(tx: Transaction): Promise<ApiKeySummary[]> {
  return tx.select(summaryColumns).from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
