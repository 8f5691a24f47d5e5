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
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", null, "settings"]) {
      expect(safeRedirect(bad)).toBe("/");
    }
    expect(signInPath(new Request("http://x.test/settings/users?tab=2"))).toBe(
      "/login?redirectTo=%2Fsettings%2Fusers%3Ftab%3D2",
    );
    expect(signInPath(new Request("http://x.test/"))).toBe("/login");
  });
});
