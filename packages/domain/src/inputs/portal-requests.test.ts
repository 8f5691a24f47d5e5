import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import {
  pastPreferredDates,
  ZAcceptPortalRequestInput,
  ZCreatePortalRequestInput,
  ZDeclinePortalRequestInput,
} from "./portal-requests";

describe("ZCreatePortalRequestInput", () => {
  const valid = {
    locationId: ids.a,
    type: "maintenance",
    title: "Heating check",
    description: "Radiators on the 2nd floor stay cold.",
  };
  const day = (date: string, window = "morning") => ({ date, window });

  it("trims the texts and has no preferred dates unless given", () => {
    expect(parseValid(ZCreatePortalRequestInput, { ...valid, title: "  Heating check " })).toEqual({
      ...valid,
      preferredDates: [],
    });
  });

  it.each([
    ["three dates", { preferredDates: [day("2030-05-02"), day("2030-05-03"), day("2030-05-04")] }, []],
    [
      "four dates",
      {
        preferredDates: [day("2030-05-02"), day("2030-05-03"), day("2030-05-04"), day("2030-05-05")],
      },
      ["preferredDates"],
    ],
    [
      "the same day and window twice",
      { preferredDates: [day("2030-05-02"), day("2030-05-02")] },
      ["preferredDates.1"],
    ],
    [
      "the same day, morning and afternoon",
      { preferredDates: [day("2030-05-02"), day("2030-05-02", "afternoon")] },
      [],
    ],
    ["date in another format", { preferredDates: [day("02.05.2030")] }, ["preferredDates.0.date"]],
    ["unknown window", { preferredDates: [day("2030-05-02", "evening")] }, ["preferredDates.0.window"]],
    ["a date long past (the service checks it)", { preferredDates: [day("2001-01-01", "all_day")] }, []],
    ["a date outside any plan", { preferredDates: [day("9999-12-31")] }, ["preferredDates.0.date"]],
    ["no location", { locationId: "" }, ["locationId"]],
    ["two locations", { locationId: [ids.a, ids.b] }, ["locationId"]],
    ["unknown type", { type: "complaint" }, ["type"]],
    ["blank title", { title: "  " }, ["title"]],
    ["long title", { title: "t".repeat(121) }, ["title"]],
    ["blank description", { description: " " }, ["description"]],
    ["long description", { description: "d".repeat(4001) }, ["description"]],
  ])("%s → errors at %j", (_, change, paths) => {
    expect(errorPaths(ZCreatePortalRequestInput, { ...valid, ...change })).toEqual(paths);
  });

  it("words its refusals for the customer", () => {
    expect(messagesAt(ZCreatePortalRequestInput, { ...valid, title: "" }, "title")).toEqual([
      "Give your request a short title",
    ]);
    expect(messagesAt(ZCreatePortalRequestInput, { ...valid, locationId: "" }, "locationId")).toEqual([
      "Choose a location",
    ]);
  });
});

describe("pastPreferredDates", () => {
  it("names each date before today, today itself is fine", () => {
    const dates = [
      { date: "2030-05-01", window: "morning" as const },
      { date: "2030-05-02", window: "all_day" as const },
      { date: "2030-04-30", window: "afternoon" as const },
    ];
    expect(pastPreferredDates(dates, "2030-05-02")).toEqual([
      { path: "preferredDates.0.date", message: "Choose a date from today on" },
      { path: "preferredDates.2.date", message: "Choose a date from today on" },
    ]);
    expect(pastPreferredDates(dates, "2030-04-30")).toEqual([]);
  });
});

describe("ZAcceptPortalRequestInput", () => {
  const valid = { portalRequestId: ids.a, title: "Heating check" };

  it("takes the target's fields with their defaults", () => {
    expect(parseValid(ZAcceptPortalRequestInput, { ...valid, customerMessage: " " })).toEqual({
      ...valid,
      priority: "normal",
      customerMessage: null,
    });
  });

  it.each([
    [{ title: "" }, ["title"]],
    [{ priority: "asap" }, ["priority"]],
    [{ dueDate: "31/12/2030" }, ["dueDate"]],
    [{ dueDate: "" }, []],
    [{ customerMessage: "m".repeat(2001) }, ["customerMessage"]],
    [{ portalRequestId: "x" }, ["portalRequestId"]],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZAcceptPortalRequestInput, { ...valid, ...change })).toEqual(paths);
  });
});

describe("ZDeclinePortalRequestInput", () => {
  it.each([
    [{ customerMessage: "We do not service this area." }, []],
    [{}, ["customerMessage"]],
    [{ customerMessage: "  " }, ["customerMessage"]],
    [{ customerMessage: "m".repeat(2001) }, ["customerMessage"]],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZDeclinePortalRequestInput, { portalRequestId: ids.a, ...change })).toEqual(paths);
  });

  it("asks for a reason the customer reads", () => {
    expect(messagesAt(ZDeclinePortalRequestInput, { portalRequestId: ids.a }, "customerMessage")).toEqual([
      "Tell the customer why the request is declined",
    ]);
  });
});
