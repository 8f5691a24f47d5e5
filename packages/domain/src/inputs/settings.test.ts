import { describe, expect, it } from "vitest";
import { errorPaths, messagesAt, parseValid } from "../test-support";
import { ZCreateInternalNoteInput } from "./internal-note";
import { ZCreateStaffInvitationInput, ZNewPassword } from "./staff-invitation";
import { ZTenantSettingsInput, ZUpdateTenantSettingsInput } from "./tenant-settings";

describe("tenant settings", () => {
  const valid = {
    timeZone: "Europe/Paris",
    locale: "fr",
    employeesSeeInternalNotes: false,
    webhookIncludeContacts: false,
    webhookIncludeBilling: false,
    portalEnabled: true,
    portalAttachmentDownloads: true,
    managersReviewReports: false,
    portalShowsTechnician: false,
    routeRoadFactor: 1.3,
    routeAverageSpeedKmh: 40,
  };

  it("accepts complete settings", () => {
    expect(parseValid(ZTenantSettingsInput, valid)).toEqual(valid);
  });

  it.each([
    [{ timeZone: "CET+1" }, ["timeZone"]],
    [{ locale: "de" }, ["locale"]],
    [{ routeRoadFactor: 0.9 }, ["routeRoadFactor"]],
    [{ routeRoadFactor: 3.01 }, ["routeRoadFactor"]],
    [{ routeRoadFactor: 1 }, []],
    [{ routeRoadFactor: 3 }, []],
    [{ routeAverageSpeedKmh: 4 }, ["routeAverageSpeedKmh"]],
    [{ routeAverageSpeedKmh: 131 }, ["routeAverageSpeedKmh"]],
    [{ portalEnabled: "yes" }, ["portalEnabled"]],
    [{ managersReviewReports: "on" }, ["managersReviewReports"]],
    [{ managersReviewReports: undefined }, ["managersReviewReports"]],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZTenantSettingsInput, { ...valid, ...change })).toEqual(paths);
  });

  it("says what the range is", () => {
    expect(messagesAt(ZTenantSettingsInput, { ...valid, routeRoadFactor: 5 }, "routeRoadFactor")).toEqual([
      "Road factor must be between 1 and 3",
    ]);
  });

  it("turns the managers' review on by itself", () => {
    expect(parseValid(ZUpdateTenantSettingsInput, { managersReviewReports: true })).toEqual({
      managersReviewReports: true,
    });
  });

  it("updates only what is given", () => {
    expect(parseValid(ZUpdateTenantSettingsInput, { portalEnabled: false })).toEqual({
      portalEnabled: false,
    });
  });
});

describe("staff invitation", () => {
  it.each([
    [{ email: "Anna@Ordinavo.example", role: "dispatcher" }, []],
    [{ email: "anna", role: "dispatcher" }, ["email"]],
    [{ email: "anna@ordinavo.example", role: "owner" }, ["role"]],
  ])("%j → errors at %j", (input, paths) => {
    expect(errorPaths(ZCreateStaffInvitationInput, input)).toEqual(paths);
  });

  it("lower-cases the email", () => {
    expect(
      parseValid(ZCreateStaffInvitationInput, { email: "Anna@Ordinavo.example", role: "employee" }).email,
    ).toBe("anna@ordinavo.example");
  });
});

describe("ZNewPassword", () => {
  it.each([
    ["x".repeat(7), false],
    ["x".repeat(8), true],
    ["correct horse battery staple ".repeat(2).slice(0, 64), true],
    ["x".repeat(128), true],
    ["x".repeat(129), false],
  ])("%s → %s", (password, ok) => {
    expect(ZNewPassword.safeParse(password).success).toBe(ok);
  });

  it("keeps spaces", () => {
    expect(ZNewPassword.parse("  spaced out  ")).toBe("  spaced out  ");
  });
});

describe("ZCreateInternalNoteInput", () => {
  const valid = {
    objectType: "customer",
    objectId: "0b6f1c2e-8d3a-4f5b-9c1d-2e3f4a5b6c7d",
    body: "Pays late.",
  };

  it.each([
    [{}, []],
    [{ objectType: "visit_report" }, []],
    [{ objectType: "appointment" }, ["objectType"]],
    [{ body: " " }, ["body"]],
    [{ body: "b".repeat(5001) }, ["body"]],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZCreateInternalNoteInput, { ...valid, ...change })).toEqual(paths);
  });
});
