import { apiKeyScopes } from "@ordinavo/domain";
import { type Action, can, closedGates, type IntegrationActor } from "@ordinavo/policy";
import { describe, expect, it } from "vitest";
import { connectRouter } from ".";

// Every scope a key can be given opens some Connect procedure: a scope nothing honours would be a
// promise the API does not keep (the issue: honour it, or remove it from the list).

const procedures = Object.entries(
  connectRouter._def.procedures as unknown as Record<string, { _def: { meta?: { access?: string } } }>,
).map(([path, procedure]) => ({ path, access: procedure._def.meta?.access ?? "" }));

const keyWith = (scope: (typeof apiKeyScopes)[number]): IntegrationActor => ({
  kind: "integration",
  apiKeyId: "key",
  tenantId: "tenant",
  scopes: [scope],
  sourceSystem: null,
});

describe("API key scopes", () => {
  it.each(apiKeyScopes)("%s opens at least one Connect procedure", (scope) => {
    const opened = procedures
      .filter(({ access }) => access !== "signed_in" && access !== "public")
      .filter(({ access }) => can(keyWith(scope), access as Action, closedGates))
      .map(({ path }) => path);
    expect(opened, `procedures ${scope} opens`).not.toEqual([]);
  });
});
