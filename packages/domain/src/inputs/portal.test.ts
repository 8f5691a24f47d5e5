import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import { ZCreatePortalInvitationInput } from "./portal-invitation";

describe("ZCreatePortalInvitationInput", () => {
  const valid = { contactPersonId: ids.a, email: " Claire@Martin.FR ", grants: [{ customerId: ids.b }] };

  it("lower-cases the email and reads a missing location as the whole customer", () => {
    expect(parseValid(ZCreatePortalInvitationInput, valid)).toEqual({
      contactPersonId: ids.a,
      email: "claire@martin.fr",
      grants: [{ customerId: ids.b, locationId: null }],
    });
  });

  it.each([
    ["no grants", { grants: [] }, "grants", "Choose what this person may see"],
    [
      "the same grant twice",
      { grants: [{ customerId: ids.b }, { customerId: ids.b, locationId: null }] },
      "grants.1",
      "This access is listed twice",
    ],
    [
      "bad location",
      { grants: [{ customerId: ids.b, locationId: "x" }] },
      "grants.0.locationId",
      "Choose a location",
    ],
    ["bad email", { email: "claire" }, "email", "Enter a valid email address"],
  ])("%s", (_, change, path, message) => {
    const input = { ...valid, ...change };
    expect(errorPaths(ZCreatePortalInvitationInput, input)).toEqual([path]);
    expect(messagesAt(ZCreatePortalInvitationInput, input, path)).toEqual([message]);
  });

  it("allows a customer and one of its locations side by side", () => {
    const grants = [{ customerId: ids.b }, { customerId: ids.b, locationId: ids.c }];
    expect(errorPaths(ZCreatePortalInvitationInput, { ...valid, grants })).toEqual([]);
  });
});
