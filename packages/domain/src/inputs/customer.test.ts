import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import { ZCreateCustomerInput, ZUpdateCustomerInput } from "./customer";

const valid = { number: "C-1001", name: "Boulangerie Martin" };

describe("ZCreateCustomerInput", () => {
  it("fills defaults and turns blank optional fields into null", () => {
    expect(
      parseValid(ZCreateCustomerInput, { ...valid, name: "  Boulangerie Martin ", email: "", website: " " }),
    ).toEqual({
      number: "C-1001",
      name: "Boulangerie Martin",
      status: "active",
      type: "business",
      email: null,
      website: null,
    });
  });

  it.each([
    ["missing number", { name: "X" }, "number", "Enter a customer number"],
    [
      "number with a space",
      { ...valid, number: "C 1001" },
      "number",
      "Customer number may only contain letters, digits, dashes, underscores and dots",
    ],
    [
      "number too long",
      { ...valid, number: "C".repeat(33) },
      "number",
      "Customer number must be at most 32 characters",
    ],
    ["blank name", { ...valid, name: "  " }, "name", "Enter a name"],
    ["name too long", { ...valid, name: "n".repeat(201) }, "name", "Name must be at most 200 characters"],
    ["unknown status", { ...valid, status: "deleted" }, "status", "Choose a status"],
    ["unknown type", { ...valid, type: "alien" }, "type", "Choose a customer type"],
    ["bad email", { ...valid, email: "martin@" }, "email", "Enter a valid email address"],
    ["bad phone", { ...valid, phone: "12" }, "phone", "Enter a valid phone number"],
    [
      "ftp website",
      { ...valid, website: "ftp://example.com" },
      "website",
      "Enter a web address starting with http:// or https://",
    ],
    [
      "notes too long",
      { ...valid, notes: "n".repeat(5001) },
      "notes",
      "Notes must be at most 5000 characters",
    ],
    [
      "blank external id",
      {
        ...valid,
        externalReferences: [
          { sourceSystem: "sap", externalId: "1" },
          { sourceSystem: "sap", externalId: " " },
        ],
      },
      "externalReferences.1.externalId",
      "Enter the external ID",
    ],
    [
      "long source system",
      { ...valid, externalReferences: [{ sourceSystem: "s".repeat(65), externalId: "1" }] },
      "externalReferences.0.sourceSystem",
      "Source system must be at most 64 characters",
    ],
    [
      "repeated external reference",
      {
        ...valid,
        externalReferences: [
          { sourceSystem: "sap", externalId: "1" },
          { sourceSystem: "sap", externalId: "1" },
        ],
      },
      "externalReferences.1",
      "This external reference is listed twice",
    ],
  ])("%s", (_, input, path, message) => {
    expect(errorPaths(ZCreateCustomerInput, input)).toEqual([path]);
    expect(messagesAt(ZCreateCustomerInput, input, path)).toEqual([message]);
  });

  it("accepts well-formed contact channels", () => {
    const customer = parseValid(ZCreateCustomerInput, {
      ...valid,
      email: " Info@Martin.fr ",
      phone: "+33 1 23 45 67 89",
      website: "https://martin.fr/contact",
      externalReferences: [{ sourceSystem: "sap", externalId: "000123" }],
    });
    expect(customer.email).toBe("Info@Martin.fr");
    expect(customer.externalReferences).toEqual([{ sourceSystem: "sap", externalId: "000123" }]);
  });
});

describe("ZUpdateCustomerInput", () => {
  it("leaves out what is not given, without defaults", () => {
    expect(parseValid(ZUpdateCustomerInput, { customerId: ids.a, notes: "" })).toEqual({
      customerId: ids.a,
      notes: null,
    });
  });

  it("needs the customer id", () => {
    expect(errorPaths(ZUpdateCustomerInput, { name: "X" })).toEqual(["customerId"]);
  });
});
