import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors, formErrorKey } from "./errors";

describe("fieldErrors", () => {
  const schema = z
    .object({
      name: z.string().min(1, { error: "Enter a name" }).max(3, { error: "Too long" }),
      refs: z.array(z.object({ externalId: z.string().min(1, { error: "Enter the external ID" }) })),
    })
    .superRefine((_, ctx) => {
      ctx.addIssue({ code: "custom", message: "Something is off with the whole form" });
    });

  it("keys messages by dotted path and puts root errors under _form", () => {
    const result = schema.safeParse({ name: "", refs: [{ externalId: "x" }, { externalId: "" }] });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      name: ["Enter a name"],
      "refs.1.externalId": ["Enter the external ID"],
      [formErrorKey]: ["Something is off with the whole form"],
    });
  });

  it("lists each message once per field", () => {
    const error = new z.ZodError([
      { code: "custom", message: "Same", path: ["a"], input: 1 },
      { code: "custom", message: "Same", path: ["a"], input: 1 },
      { code: "custom", message: "Other", path: ["a"], input: 1 },
    ]);
    expect(fieldErrors(error)).toEqual({ a: ["Same", "Other"] });
  });
});
