import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import {
  checkPreferredContact,
  ZCreateContactPersonInput,
  ZUpdateContactPersonInput,
} from "./contact-person";

const valid = { customerId: ids.a, name: "Claire Dubois", email: "claire@martin.fr" };

describe("ZCreateContactPersonInput", () => {
  it("prefers email by default and turns a blank location into null", () => {
    expect(parseValid(ZCreateContactPersonInput, { ...valid, locationId: "" })).toMatchObject({
      preferredContactMethod: "email",
      locationId: null,
    });
  });

  it.each([
    ["email", { email: "" }, "email", "Enter an email address, or choose another preferred contact method"],
    ["phone", { phone: " " }, "phone", "Enter a phone number, or choose another preferred contact method"],
    ["mobile", {}, "mobile", "Enter a mobile number, or choose another preferred contact method"],
  ])("preferring %s needs it filled in", (method, change, path, message) => {
    const input = { ...valid, ...change, preferredContactMethod: method };
    expect(errorPaths(ZCreateContactPersonInput, input)).toEqual([path]);
    expect(messagesAt(ZCreateContactPersonInput, input, path)).toEqual([message]);
  });

  it.each([
    ["phone", { phone: "+49 30 1234567" }],
    ["mobile", { mobile: "0612345678" }],
    ["none", { email: null }],
  ])("preferring %s with its channel is fine", (method, change) => {
    expect(
      errorPaths(ZCreateContactPersonInput, { ...valid, ...change, preferredContactMethod: method }),
    ).toEqual([]);
  });

  it.each([
    ["phone", "12-34", "Enter a valid phone number"],
    ["mobile", "+33 6 ab", "Enter a valid mobile number"],
    ["email", "claire", "Enter a valid email address"],
  ])("checks the format of %s", (field, value, message) => {
    const input = { ...valid, email: "claire@martin.fr", [field]: value, preferredContactMethod: "none" };
    expect(errorPaths(ZCreateContactPersonInput, input)).toEqual([field]);
    expect(messagesAt(ZCreateContactPersonInput, input, field)).toEqual([message]);
  });

  it("needs a customer", () => {
    expect(errorPaths(ZCreateContactPersonInput, { ...valid, customerId: "42" })).toEqual(["customerId"]);
  });
});

describe("ZUpdateContactPersonInput", () => {
  it.each([
    [{ preferredContactMethod: "phone" }, []],
    [{ preferredContactMethod: "phone", phone: "" }, ["phone"]],
    [{ preferredContactMethod: "mobile", mobile: null }, ["mobile"]],
    [{ preferredContactMethod: "none", email: null }, []],
    [{ email: null }, []],
  ])("%j → errors at %j", (change, paths) => {
    expect(errorPaths(ZUpdateContactPersonInput, { contactPersonId: ids.c, ...change })).toEqual(paths);
  });
});

describe("checkPreferredContact", () => {
  it("checks a merged contact", () => {
    expect(checkPreferredContact({ preferredContactMethod: "phone", phone: null })?.path).toBe("phone");
    expect(checkPreferredContact({ preferredContactMethod: "phone", phone: "0612345678" })).toBeNull();
  });
});
