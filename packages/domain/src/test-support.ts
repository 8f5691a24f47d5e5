// Helpers for this package's unit tests; not exported from the package.
import type { z } from "zod";
import { fieldErrors } from "./errors";

export const ids = {
  a: "0b6f1c2e-8d3a-4f5b-9c1d-2e3f4a5b6c7d",
  b: "1c7a2d3f-9e4b-4a6c-8d2e-3f4a5b6c7d8e",
  c: "2d8b3e4a-0f5c-4b7d-9e3f-4a5b6c7d8e9f",
};

/** The field paths a schema complains about for an input (empty when it parses). */
export function errorPaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : Object.keys(fieldErrors(result.error)).sort();
}

/** The messages for one field path (empty when there are none). */
export function messagesAt(schema: z.ZodType, input: unknown, path: string): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : (fieldErrors(result.error)[path] ?? []);
}

/** Parses input that must be valid, failing the test with the field errors otherwise. */
export function parseValid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`Expected valid input: ${JSON.stringify(fieldErrors(result.error))}`);
  return result.data;
}
