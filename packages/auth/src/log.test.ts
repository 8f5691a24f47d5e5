import { describe, expect, it } from "vitest";
import { errorFacts } from "./log";

/** Shaped like drizzle's wrapper around a PostgreSQL error: SQL and parameters on the outside. */
class DrizzleQueryError extends Error {
  override name = "DrizzleQueryError";
  constructor(
    readonly query: string,
    readonly params: unknown[],
    override readonly cause: unknown,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(",")}`);
  }
}

describe("error facts for logs", () => {
  it("keep names, codes and schema names, never the message, SQL, parameters or the row", () => {
    const database = Object.assign(new Error('new row for relation "internal_notes" violates check'), {
      name: "error",
      code: "23514",
      constraint: "no_marker",
      table: "internal_notes",
      detail: "Failing row contains (MARKER-7f3a, …)",
      hint: "MARKER-7f3a",
    });
    const wrapped = new DrizzleQueryError(
      "insert into internal_notes values ($1)",
      ["MARKER-7f3a"],
      database,
    );
    const outer = Object.assign(new Error("Something: MARKER-7f3a"), {
      name: "TRPCError",
      code: "INTERNAL_SERVER_ERROR",
      cause: wrapped,
    });

    const facts = errorFacts(outer);
    expect(facts).toEqual({
      error: "TRPCError",
      code: "INTERNAL_SERVER_ERROR",
      causes: ["DrizzleQueryError", "error:23514"],
      constraint: "no_marker",
      table: "internal_notes",
    });
    expect(JSON.stringify(facts)).not.toContain("MARKER");
  });

  it("read postgres.js field names and survive odd values", () => {
    expect(
      errorFacts(Object.assign(new Error("x"), { code: "23505", constraint_name: "customers_number_key" })),
    ).toMatchObject({ error: "Error", code: "23505", constraint: "customers_number_key" });
    // A "code" or name that is free text is dropped, not logged.
    expect(errorFacts(Object.assign(new Error("x"), { code: "a code with spaces: MARKER" }))).toEqual({
      error: "Error",
    });
    expect(errorFacts("a thrown string MARKER")).toEqual({ error: "string" });
    expect(errorFacts(null)).toEqual({ error: "object" });
    const loop: { name: string; cause?: unknown } = { name: "Loop" };
    loop.cause = loop;
    expect(errorFacts(loop)).toEqual({ error: "Loop" });
  });
});
