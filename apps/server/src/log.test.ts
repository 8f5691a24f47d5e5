import { describe, expect, it } from "vitest";
import { bodyLimitFor, MB } from "./body-limit";
import { createLog } from "./log";

describe("the log", () => {
  it("reduces errors given as facts to their kinds and codes", () => {
    const lines: string[] = [];
    const log = createLog((line) => lines.push(line));
    const database = Object.assign(new Error("duplicate key: (email)=(secret@example.test)"), {
      code: "23505",
      constraint: "staff_users_email_key",
      detail: "Key (email)=(secret@example.test) already exists.",
    });
    // Shaped like drizzle's wrapper: the SQL and its parameters are enumerable properties.
    const wrapped = Object.assign(new Error("Failed query: insert … params: secret@example.test"), {
      name: "DrizzleQueryError",
      query: "insert into staff_users …",
      params: ["secret@example.test"],
      cause: database,
    });
    log.error("Request failed", { path: "/users", error: wrapped, other: database });
    log.warn("Scheduled job failed", { error: "TypeError" });
    log.error("Thrown text", { error: "a string someone typed: secret@example.test" });
    const text = lines.join("\n");
    expect(text).not.toContain("secret");
    expect(text).not.toContain("insert");
    const [first, second, third] = lines.map((line) => JSON.parse(line));
    expect(first).toMatchObject({
      message: "Request failed",
      path: "/users",
      error: "DrizzleQueryError",
      causes: ["Error:23505"],
      constraint: "staff_users_email_key",
      other: { error: "Error", code: "23505", constraint: "staff_users_email_key" },
    });
    expect(second).toMatchObject({ error: "TypeError" });
    expect(third).toMatchObject({ error: "string" });
  });
});

describe("body limits", () => {
  const limits = {
    default: MB,
    routes: [
      { prefix: "/api/uploads", limit: 20 * MB },
      { prefix: "/api/uploads/avatars", limit: 2 * MB },
    ],
  };
  it.each([
    ["/login", MB],
    ["/api/trpc/customers.create", MB],
    ["/api/uploads", 20 * MB],
    ["/api/uploads/files", 20 * MB],
    ["/api/uploads/avatars/1", 2 * MB],
    ["/api/uploadsx", MB],
  ])("%s may carry %d bytes", (path, expected) => {
    expect(bodyLimitFor(path, limits)).toBe(expected);
  });
});
