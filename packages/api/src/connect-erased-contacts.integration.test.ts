import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildApiKey, buildContact, buildCustomer, buildTenant } from "@ordinavo/demo";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCaller } from "./callers";
import { type ApiHarness, openApiHarness } from "./test-support";

// A contact person erased for privacy keeps its (anonymised) row for the records pointing at it,
// but Connect reads never show it — not even with archived contacts included.

describe.each(testEngines())("Connect contacts without erased persons on %s", (engine) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness(engine);
  });
  afterAll(() => h?.destroy());

  it("lists live and archived contacts but never an erased one", async () => {
    const { tenantId } = await buildTenant(h.db, { name: "Erasure Ltd" });
    const { customerId } = await buildCustomer(h.db, { tenantId, name: "Customer" });
    const { contactPersonId: live } = await buildContact(h.db, { tenantId, customerId, name: "Live Person" });
    const { contactPersonId: archived } = await buildContact(h.db, {
      tenantId,
      customerId,
      name: "Archived Person",
      archivedAt: new Date(),
    });
    const { contactPersonId: erased } = await buildContact(h.db, {
      tenantId,
      customerId,
      name: "Erased Person",
    });
    // What erasing leaves: an anonymised, archived row with erased_at set.
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.contactPersons)
        .set({ name: "Erased contact", email: null, archivedAt: new Date(), erasedAt: new Date() })
        .where(eq(schema.contactPersons.id, erased)),
    );
    const { secret } = await buildApiKey(h.db, { tenantId, scopes: ["contacts:read"] });
    const api = await connectCaller({ services: h.services, apiKey: secret });

    const current = await api.contacts.list({});
    expect(current.items.map((c) => c.id)).toEqual([live]);
    const all = await api.contacts.list({ includeArchived: true, customerId, limit: 1 });
    const ids = [...all.items.map((c) => c.id)];
    let cursor = all.nextCursor;
    while (cursor) {
      const page = await api.contacts.list({ includeArchived: true, customerId, limit: 1, after: cursor });
      ids.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    }
    expect(ids.sort()).toEqual([live, archived].sort());
    expect(ids).not.toContain(erased);
  });
});
