import { describe, expect, it } from "vitest";
import { errorPaths, parseValid } from "../test-support";
import { ZCreateApiKeyInput } from "./api-key";

describe("ZCreateApiKeyInput: the source system limit", () => {
  const base = { name: "ERP sync", scopes: ["customers:read"] };

  it("keeps a source system, trimmed", () => {
    expect(parseValid(ZCreateApiKeyInput, { ...base, sourceSystem: "  sap " }).sourceSystem).toBe("sap");
  });

  it.each([[""], ["   "], [null]])("%j means no limit", (sourceSystem) => {
    expect(parseValid(ZCreateApiKeyInput, { ...base, sourceSystem }).sourceSystem).toBeNull();
  });

  it("may be left out", () => {
    expect(parseValid(ZCreateApiKeyInput, base).sourceSystem).toBeUndefined();
  });

  it.each([
    [{ sourceSystem: "s".repeat(65) }, ["sourceSystem"]],
    [{ sourceSystem: 42 }, ["sourceSystem"]],
    [{ sourceSystem: "s".repeat(64) }, []],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZCreateApiKeyInput, { ...base, ...change })).toEqual(paths);
  });
});
