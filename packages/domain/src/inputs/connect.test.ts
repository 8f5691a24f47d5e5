import { describe, expect, it } from "vitest";
import { errorPaths, ids, parseValid } from "../test-support";
import { ZCreateApiKeyInput } from "./api-key";
import { maxImportRows, ZCreateImportJobInput } from "./import-job";
import { ZCreateRetentionPolicyInput, ZUpdateRetentionPolicyInput } from "./retention-policy";
import {
  isAllowedWebhookUrl,
  ZCreateWebhookSubscriptionInput,
  ZUpdateWebhookSubscriptionInput,
} from "./webhook-subscription";

describe("ZCreateApiKeyInput", () => {
  it.each([
    [{ scopes: ["customers:read"] }, []],
    [{ scopes: ["customers:read"], expiresAt: "2026-01-01T00:00:00Z" }, []],
    [{ scopes: ["customers:read"], expiresAt: "" }, []],
    [{ scopes: [] }, ["scopes"]],
    [{ scopes: ["customers:read", "customers:read"] }, ["scopes.1"]],
    [{ scopes: ["customers:delete"] }, ["scopes.0"]],
    [{ scopes: ["customers:read"], expiresAt: "2026-01-01" }, ["expiresAt"]],
    [{ scopes: ["customers:read"], name: "" }, ["name"]],
    [{ scopes: ["customers:read"], name: "n".repeat(101) }, ["name"]],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZCreateApiKeyInput, { name: "ERP sync", ...change })).toEqual(paths);
  });

  it("reads the expiry as a date", () => {
    const key = parseValid(ZCreateApiKeyInput, {
      name: "ERP",
      scopes: ["imports:write"],
      expiresAt: "2026-01-01T00:00:00Z",
    });
    expect(key.expiresAt).toEqual(new Date("2026-01-01T00:00:00Z"));
  });
});

describe("isAllowedWebhookUrl", () => {
  it.each([
    ["https://hooks.example.com/ordinavo", false, true],
    ["https://localhost:8443/hook", false, true],
    ["http://hooks.example.com/ordinavo", true, false],
    ["http://localhost:3000/hook", true, true],
    ["http://127.0.0.1:3000/hook", true, true],
    ["http://[::1]:3000/hook", true, true],
    ["http://localhost:3000/hook", false, false],
    ["http://127.0.0.2/hook", true, false],
    ["http://localhost.example.com/hook", true, false],
    ["https://user:secret@hooks.example.com/", false, false],
    ["ftp://hooks.example.com/", true, false],
    ["hooks.example.com/ordinavo", true, false],
    ["", true, false],
  ])("%s (loopback http %s) → %s", (url, allowHttpLoopback, expected) => {
    expect(isAllowedWebhookUrl(url, { allowHttpLoopback })).toBe(expected);
  });
});

describe("ZCreateWebhookSubscriptionInput", () => {
  const valid = { url: "https://hooks.example.com/ordinavo", eventTypes: ["target.created"] };

  it("fills defaults", () => {
    expect(parseValid(ZCreateWebhookSubscriptionInput, valid)).toEqual({
      ...valid,
      includeContacts: false,
      includeBilling: false,
      active: true,
    });
  });

  it.each([
    [{ url: "http://localhost:4000/hook" }, []],
    [{ url: "http://hooks.example.com/ordinavo" }, ["url"]],
    [{ url: "" }, ["url"]],
    [{ eventTypes: [] }, ["eventTypes"]],
    [{ eventTypes: ["target.created", "target.created"] }, ["eventTypes.1"]],
    [{ eventTypes: ["target.deleted"] }, ["eventTypes.0"]],
    [{ description: "d".repeat(501) }, ["description"]],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZCreateWebhookSubscriptionInput, { ...valid, ...change })).toEqual(paths);
  });

  it("update does not reset defaults", () => {
    expect(
      parseValid(ZUpdateWebhookSubscriptionInput, { webhookSubscriptionId: ids.a, active: false }),
    ).toEqual({
      webhookSubscriptionId: ids.a,
      active: false,
    });
  });
});

describe("retention policies", () => {
  it.each([
    [{ subject: "attachments", retainDays: 365 }, []],
    [{ subject: "attachments", retainDays: 0 }, ["retainDays"]],
    [{ subject: "attachments", retainDays: 3651 }, ["retainDays"]],
    [{ subject: "attachments", retainDays: 1.5 }, ["retainDays"]],
    [{ subject: "customers", retainDays: 30 }, ["subject"]],
  ])("%j → errors at %j", (input, paths) => {
    expect(errorPaths(ZCreateRetentionPolicyInput, input)).toEqual(paths);
  });

  it("is active unless said otherwise", () => {
    expect(parseValid(ZCreateRetentionPolicyInput, { subject: "audit_log", retainDays: 400 }).active).toBe(
      true,
    );
    expect(parseValid(ZUpdateRetentionPolicyInput, { retentionPolicyId: ids.a, retainDays: 30 })).toEqual({
      retentionPolicyId: ids.a,
      retainDays: 30,
    });
  });
});

describe("ZCreateImportJobInput", () => {
  const row = { number: "C-1", name: "Martin" };

  it.each([
    [{ rows: [row] }, []],
    [{ rows: [] }, ["rows"]],
    [{ rows: Array(maxImportRows).fill(row) }, []],
    [{ rows: Array(maxImportRows + 1).fill(row) }, ["rows"]],
    [{ rows: [row, "Martin"] }, ["rows.1"]],
    [{ rows: [row], kind: "invoices" }, ["kind"]],
    [{ rows: [row], sourceSystem: "s".repeat(65) }, ["sourceSystem"]],
  ])("%#: errors at %j", (change, paths) => {
    expect(
      errorPaths(ZCreateImportJobInput, { sourceSystem: "legacy-crm", kind: "customers", ...change }),
    ).toEqual(paths);
  });
});
