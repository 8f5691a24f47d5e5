import type { z } from "zod";

/** The key under which errors that belong to no single field are collected. */
export const formErrorKey = "_form";

/**
 * Groups validation messages by field, so a form can show each next to its input. Keys are dotted
 * paths ("name", "externalReferences.0.externalId"); errors about the whole input go under "_form".
 * A field's messages keep their order and appear once each.
 */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length === 0 ? formErrorKey : issue.path.map(String).join(".");
    const messages = errors[key] ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    errors[key] = messages;
  }
  return errors;
}
