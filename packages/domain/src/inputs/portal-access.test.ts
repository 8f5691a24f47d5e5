import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import { ZChangePortalAccessInput, ZInvitePortalContactInput } from "./portal-invitation";

describe("ZInvitePortalContactInput", () => {
  const valid = { customerId: ids.a, contactPersonId: ids.b, locale: "fr", access: "customer" };

  it("reads the whole customer without locations, and drops any sent along", () => {
    expect(parseValid(ZInvitePortalContactInput, { ...valid, locationIds: [ids.c] })).toEqual({
      ...valid,
      locationIds: [],
    });
  });

  it("keeps selected locations once each", () => {
    expect(
      parseValid(ZInvitePortalContactInput, {
        ...valid,
        access: "locations",
        locationIds: [ids.c, ids.c, ids.a],
      }),
    ).toMatchObject({ access: "locations", locationIds: [ids.c, ids.a] });
  });

  it.each([
    [
      "selected locations without any",
      { access: "locations" },
      "locationIds",
      "Choose at least one location",
    ],
    ["another language", { locale: "de" }, "locale", "Choose English or French"],
    ["no choice of access", { access: "" }, "access", "Choose what this person may see"],
    [
      "a location that is not an id",
      { access: "locations", locationIds: ["x"] },
      "locationIds.0",
      "Choose a location",
    ],
    ["no contact person", { contactPersonId: "" }, "contactPersonId", "Choose a contact person"],
  ])("refuses %s", (_name, change, path, message) => {
    const input = { ...valid, ...change };
    expect(errorPaths(ZInvitePortalContactInput, input)).toEqual([path]);
    expect(messagesAt(ZInvitePortalContactInput, input, path)).toEqual([message]);
  });
});

describe("ZChangePortalAccessInput", () => {
  it("needs a location for selected locations", () => {
    const input = { customerId: ids.a, portalUserId: ids.b, access: "locations", locationIds: [] };
    expect(errorPaths(ZChangePortalAccessInput, input)).toEqual(["locationIds"]);
    expect(parseValid(ZChangePortalAccessInput, { ...input, locationIds: [ids.c] }).locationIds).toEqual([
      ids.c,
    ]);
  });
});
