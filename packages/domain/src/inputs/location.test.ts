import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import { checkCoordinates, ZCreateLocationInput, ZUpdateLocationInput } from "./location";

const valid = {
  customerId: ids.a,
  name: "Main store",
  addressLine1: "12 rue de la Paix",
  city: "Paris",
  country: "fr",
};

describe("ZCreateLocationInput", () => {
  it("upper-cases the country and fills defaults", () => {
    expect(parseValid(ZCreateLocationInput, valid)).toMatchObject({
      country: "FR",
      defaultWorkMinutes: 60,
      defaultPriority: "normal",
    });
  });

  it("accepts both coordinates or neither", () => {
    expect(parseValid(ZCreateLocationInput, { ...valid, latitude: 48.87, longitude: 2.33 })).toMatchObject({
      latitude: 48.87,
      longitude: 2.33,
    });
    expect(parseValid(ZCreateLocationInput, { ...valid, latitude: null, longitude: null })).toMatchObject({
      latitude: null,
      longitude: null,
    });
  });

  it.each([
    ["latitude only", { latitude: 48.87 }, "longitude", "Enter both latitude and longitude, or neither"],
    ["longitude only", { longitude: 2.33 }, "latitude", "Enter both latitude and longitude, or neither"],
    [
      "latitude out of range",
      { latitude: 91, longitude: 0 },
      "latitude",
      "Latitude must be between -90 and 90",
    ],
    [
      "longitude out of range",
      { latitude: 0, longitude: -180.5 },
      "longitude",
      "Longitude must be between -180 and 180",
    ],
    [
      "three-letter country",
      { country: "FRA" },
      "country",
      'Enter the two-letter country code, such as "FR" or "DE"',
    ],
    [
      "work time too short",
      { defaultWorkMinutes: 4 },
      "defaultWorkMinutes",
      "Default work time must be a whole number between 5 and 1440 minutes",
    ],
    [
      "work time not whole",
      { defaultWorkMinutes: 30.5 },
      "defaultWorkMinutes",
      "Default work time must be a whole number between 5 and 1440 minutes",
    ],
    ["unknown priority", { defaultPriority: "asap" }, "defaultPriority", "Choose a priority"],
    [
      "long access notes",
      { accessNotes: "a".repeat(2001) },
      "accessNotes",
      "Access notes must be at most 2000 characters",
    ],
    [
      "long parking notes",
      { parkingNotes: "a".repeat(2001) },
      "parkingNotes",
      "Parking notes must be at most 2000 characters",
    ],
    ["blank city", { city: "" }, "city", "Enter a city"],
  ])("%s", (_, change, path, message) => {
    const input = { ...valid, ...change };
    expect(errorPaths(ZCreateLocationInput, input)).toEqual([path]);
    expect(messagesAt(ZCreateLocationInput, input, path)).toEqual([message]);
  });
});

describe("ZUpdateLocationInput", () => {
  it.each([
    [{ name: "Renamed" }, []],
    [{ latitude: 1, longitude: 2 }, []],
    [{ latitude: null, longitude: null }, []],
    [{ latitude: 1 }, ["longitude"]],
    [{ longitude: 2 }, ["latitude"]],
    [{ latitude: 1, longitude: null }, ["longitude"]],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZUpdateLocationInput, { locationId: ids.b, ...change })).toEqual(paths);
  });

  it("does not reset defaults", () => {
    expect(parseValid(ZUpdateLocationInput, { locationId: ids.b })).toEqual({ locationId: ids.b });
  });
});

describe("checkCoordinates", () => {
  it("checks a merged location", () => {
    expect(checkCoordinates({ latitude: 1, longitude: null })?.path).toBe("longitude");
    expect(checkCoordinates({ latitude: 1, longitude: 2 })).toBeNull();
  });
});
