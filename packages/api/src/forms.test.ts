import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, toTRPCError } from "./errors";
import { attempt, safeRedirect, signInPath } from "./forms";

describe("form helpers", () => {
  it("turn refusals into form errors with the field messages and HTTP status", async () => {
    const refused = await attempt(() =>
      Promise.reject(toTRPCError(AppError.field("email", "Already a member"))),
    );
    expect(refused).toEqual({
      ok: false,
      status: 400,
      errors: { message: "Already a member", fields: { email: ["Already a member"] } },
    });
    const zodError = z
      .object({ email: z.email({ error: "Enter a valid email" }) })
      .safeParse({ email: "x" }).error;
    const invalid = await attempt(() =>
      Promise.reject(new TRPCError({ code: "BAD_REQUEST", cause: zodError })),
    );
    expect(invalid).toMatchObject({
      ok: false,
      status: 400,
      errors: { fields: { email: ["Enter a valid email"] } },
    });
  });

  it("rethrow what is not a refusal", async () => {
    await expect(attempt(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(
      attempt(() => Promise.reject(new TRPCError({ code: "INTERNAL_SERVER_ERROR" }))),
    ).rejects.toThrow();
  });

  it("follow only local paths after sign-in", () => {
    expect(safeRedirect("/settings/users")).toBe("/settings/users");
    expect(safeRedirect("/customers?q=a%20b&sort=name#list")).toBe("/customers?q=a%20b&sort=name#list");
    // Encoded slashes stay encoded: the browser asks this site for that path.
    expect(safeRedirect("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeRedirect("/a/../b")).toBe("/b");
    expect(safeRedirect("https://evil.example", "/home")).toBe("/home");
    expect(safeRedirect(`/${"a".repeat(2001)}`)).toBe("/");
    expect(signInPath(new Request("http://x.test/settings/users?tab=2"))).toBe(
      "/login?redirectTo=%2Fsettings%2Fusers%3Ftab%3D2",
    );
    expect(signInPath(new Request("http://x.test/"))).toBe("/login");
  });

  // Each of these is read by a browser (after its URL parser drops tabs and newlines and turns
  // backslashes into slashes) as a link to another host, or is not a path at all.
  it.each([
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/.//evil.example",
    "/a/../..//evil.example",
    "javascript:alert(1)",
    "settings",
    "",
    null,
    undefined,
  ])("refuse %j as a redirect target", (bad) => {
    expect(safeRedirect(bad)).toBe("/");
    // Whatever comes back resolves to this site.
    expect(new URL(safeRedirect(bad), "https://app.example").origin).toBe("https://app.example");
  });

  it("never return a path a browser reads as another host", () => {
    const pieces = ["/", "//", "\\", ".", "..", "%2F", "%5C", "\t", "evil.example", "a", "?", "#"];
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const result = safeRedirect(`/${a}${b}${c}`);
          expect(result.startsWith("/")).toBe(true);
          expect(result.startsWith("//")).toBe(false);
          expect(new URL(result, "https://app.example").origin).toBe("https://app.example");
        }
  });
});
