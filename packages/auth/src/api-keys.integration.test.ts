import { withSystem, withTenant } from "@ordinavo/db";
import { apiKeys } from "@ordinavo/db/schema";
import { testEngines } from "@ordinavo/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "./api-keys";
import { DAY, MINUTE } from "./clock";
import { type AuthHarness, createStaff, createTenant, openHarness } from "./test-support";
import { hashToken } from "./tokens";

describe.each(testEngines())("API keys on %s", (engine) => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(() => h?.database.destroy());

  async function newKey(expiresAt: Date | null = null) {
    const tenant = await createTenant(h.db);
    const admin = await createStaff(h.db, { memberships: [{ tenantId: tenant.id, role: "tenant_admin" }] });
    const created = await h.auth.apiKeys.create({
      tenantId: tenant.id,
      name: "  ERP sync ",
      scopes: ["customers:read", "targets:write"],
      expiresAt,
      createdById: admin.id,
    });
    return { tenant, admin, ...created };
  }

  it("stores a key's source limit with the key, and nothing when work in its transaction fails", async () => {
    const tenant = await createTenant(h.db);
    const admin = await createStaff(h.db, { memberships: [{ tenantId: tenant.id, role: "tenant_admin" }] });
    const base = { tenantId: tenant.id, scopes: ["customers:read" as const], createdById: admin.id };
    const { apiKey } = await h.auth.apiKeys.create({ ...base, name: "SAP sync", sourceSystem: "sap" });
    expect(apiKey.sourceSystem).toBe("sap");
    expect((await h.auth.apiKeys.list(tenant.id)).map((key) => key.sourceSystem)).toEqual(["sap"]);
    await expect(
      h.auth.apiKeys.create({
        ...base,
        name: "Half made",
        alsoInTransaction: async () => {
          throw new Error("audit failed");
        },
      }),
    ).rejects.toThrow("audit failed");
    expect((await h.auth.apiKeys.list(tenant.id)).map((key) => key.name)).toEqual(["SAP sync"]);
  });

  it("shows the secret once and stores only its hash and prefix", async () => {
    const { tenant, admin, secret, apiKey } = await newKey();
    expect(secret).toMatch(/^ordv_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(`ordv_${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).toMatchObject({
      tenantId: tenant.id,
      name: "ERP sync",
      scopes: ["customers:read", "targets:write"],
      createdById: admin.id,
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(JSON.stringify(apiKey)).not.toContain(secret);
    const [row] = await withTenant(h.db, tenant.id, (tx) =>
      tx.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id)),
    );
    expect(row!.secretHash).toBe(hashToken(secret));
    // The random part may itself contain "_" (base64url), so take everything after the prefix.
    const randomPart = secret.slice(`ordv_${apiKey.prefix}_`.length);
    expect(randomPart).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(randomPart);
  });

  it("verifies to the tenant and scopes, and records the use at most once a minute", async () => {
    const { tenant, secret, apiKey } = await newKey();
    expect(await h.auth.apiKeys.verify(secret)).toEqual({
      apiKeyId: apiKey.id,
      tenantId: tenant.id,
      scopes: ["customers:read", "targets:write"],
    });
    const lastUsed = async () =>
      (await withSystem(h.db, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id))))[0]!
        .lastUsedAt;
    const first = await lastUsed();
    expect(first).toEqual(h.clock());
    h.clock.advance(30_000);
    await h.auth.apiKeys.verify(secret);
    expect(await lastUsed()).toEqual(first);
    h.clock.advance(MINUTE);
    await h.auth.apiKeys.verify(secret);
    expect(await lastUsed()).toEqual(h.clock());
  });

  it("refuses unknown, malformed and tampered secrets", async () => {
    const { secret } = await newKey();
    const [, prefix, random] = secret.split(/^ordv_([0-9a-f]{8})_/);
    for (const candidate of [
      "",
      "ordv_",
      "Bearer whatever",
      `ordv_${prefix}_${"A".repeat(43)}`,
      `ordv_00000000_${random}`,
      `${secret}x`,
      hashToken(secret),
    ]) {
      expect(await verifyApiKey(h.db, candidate, h.clock)).toBeNull();
    }
  });

  it("stops working when revoked, only in its own tenant", async () => {
    const { tenant, secret, apiKey } = await newKey();
    const other = await createTenant(h.db);
    expect(await revokeApiKey(h.db, { tenantId: other.id, apiKeyId: apiKey.id })).toBe(false);
    expect(await h.auth.apiKeys.verify(secret)).not.toBeNull();
    expect(await h.auth.apiKeys.revoke(tenant.id, apiKey.id)).toBe(true);
    expect(await h.auth.apiKeys.verify(secret)).toBeNull();
    expect(await h.auth.apiKeys.revoke(tenant.id, apiKey.id)).toBe(false);
  });

  it("stops working when expired", async () => {
    const { secret } = await newKey(new Date(h.clock().getTime() + DAY));
    expect(await h.auth.apiKeys.verify(secret)).not.toBeNull();
    h.clock.advance(DAY);
    expect(await h.auth.apiKeys.verify(secret)).toBeNull();
  });

  it("refuses an expiry in the past and an empty name or scope list", async () => {
    const tenant = await createTenant(h.db);
    const base = { tenantId: tenant.id, name: "k", scopes: ["customers:read" as const], createdById: null };
    await expect(
      createApiKey(h.db, { ...base, expiresAt: new Date(h.clock().getTime() - 1) }, h.clock),
    ).rejects.toThrow(/future/);
    await expect(createApiKey(h.db, { ...base, name: "  " }, h.clock)).rejects.toThrow(/name/);
    await expect(createApiKey(h.db, { ...base, scopes: [] }, h.clock)).rejects.toThrow(/scope/);
  });

  it("lists a tenant's keys without secrets, newest first, never another tenant's", async () => {
    const { tenant, apiKey: first } = await newKey();
    h.clock.advance(1000);
    const { apiKey: second } = await h.auth.apiKeys.create({
      tenantId: tenant.id,
      name: "Reporting",
      scopes: ["visit_reports:read"],
      createdById: null,
    });
    await newKey();
    const listed = await withTenant(h.db, tenant.id, listApiKeys);
    expect(listed.map((key) => key.id)).toEqual([second.id, first.id]);
    expect(Object.keys(listed[0]!)).not.toContain("secretHash");
    expect(await h.auth.apiKeys.list(tenant.id)).toEqual(listed);
  });
});
