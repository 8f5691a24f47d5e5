import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import { ZCreatePortalInvitationInput } from "./portal-invitation";
import { ZCreatePortalRequestInput, ZReviewPortalRequestInput } from "./portal-request";

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

describe("ZCreatePortalRequestInput", () => {
  const valid = {
    locationId: ids.a,
    type: "maintenance",
    title: "Heating check",
    description: "Radiators on the 2nd floor stay cold.",
  };

  it("has no preferred dates unless given", () => {
    expect(parseValid(ZCreatePortalRequestInput, valid).preferredDates).toEqual([]);
  });

  it.each([
    ["five dates", { preferredDates: Array(5).fill({ date: "2025-05-02", window: "morning" }) }, []],
    [
      "six dates",
      { preferredDates: Array(6).fill({ date: "2025-05-02", window: "morning" }) },
      ["preferredDates"],
    ],
    [
      "date in another format",
      { preferredDates: [{ date: "02.05.2025", window: "morning" }] },
      ["preferredDates.0.date"],
    ],
    [
      "unknown window",
      { preferredDates: [{ date: "2025-05-02", window: "evening" }] },
      ["preferredDates.0.window"],
    ],
    [
      "a date long past (not checked here)",
      { preferredDates: [{ date: "2001-01-01", window: "all_day" }] },
      [],
    ],
    [
      "a date outside any plan",
      { preferredDates: [{ date: "9999-12-31", window: "all_day" }] },
      ["preferredDates.0.date"],
    ],
    ["unknown type", { type: "complaint" }, ["type"]],
    ["blank description", { description: " " }, ["description"]],
    ["long description", { description: "d".repeat(5001) }, ["description"]],
    ["long title", { title: "t".repeat(201) }, ["title"]],
  ])("%s → errors at %j", (_, change, paths) => {
    expect(errorPaths(ZCreatePortalRequestInput, { ...valid, ...change })).toEqual(paths);
  });
});

describe("ZReviewPortalRequestInput", () => {
  it.each([
    [{ decision: "accept" }, []],
    [{ decision: "accept", customerMessage: "See you soon" }, []],
    [{ decision: "decline", customerMessage: "We do not service this area." }, []],
    [{ decision: "decline" }, ["customerMessage"]],
    [{ decision: "decline", customerMessage: "  " }, ["customerMessage"]],
    [{ decision: "accept", customerMessage: "m".repeat(2001) }, ["customerMessage"]],
    [{ decision: "maybe" }, ["decision"]],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZReviewPortalRequestInput, { portalRequestId: ids.a, ...change })).toEqual(paths);
  });

  it("asks for a reason when declining", () => {
    expect(
      messagesAt(
        ZReviewPortalRequestInput,
        { portalRequestId: ids.a, decision: "decline" },
        "customerMessage",
      ),
    ).toEqual(["Tell the customer why the request is declined"]);
  });
});
