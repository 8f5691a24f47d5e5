import { describe, expect, it } from "vitest";
import { commonPasswords, isCommonPassword } from "./common-passwords";
import { COMMON_PASSWORD_MESSAGE, checkNewPassword, EMAIL_AS_PASSWORD_MESSAGE } from "./new-password";

describe("new passwords", () => {
  it.each([
    ["", false],
    ["short", false],
    ["seven77", false],
    ["eight888x", true],
    ["correct horse battery staple", true],
    ["a long passphrase of sixty-four characters or more is welcome here!!", true],
    ["x".repeat(128).replace(/x/g, (_, i: number) => String.fromCharCode(97 + (i % 26))), true],
  ])("%j is accepted: %s", (password, accepted) => {
    expect(checkNewPassword(password).ok).toBe(accepted);
  });

  it("allows at least 64 characters", () => {
    const passphrase = "blue kettles hum softly while orange cats debate quantum knitting";
    expect(passphrase.length).toBeGreaterThanOrEqual(64);
    expect(checkNewPassword(passphrase)).toEqual({ ok: true, password: passphrase });
  });

  it("says why a short password is refused", () => {
    expect(checkNewPassword("abc")).toEqual({ ok: false, message: "Use at least 8 characters" });
    expect(checkNewPassword(undefined)).toEqual({ ok: false, message: "Enter a password" });
  });

  it.each([
    "password",
    "Password1",
    "PASSWORD123",
    "12345678",
    "qwertyuiop",
    "iloveyou",
    "Monkey2024!",
    "aaaaaaaa",
    "abcdefgh",
    "87654321",
    "abababab",
  ])("refuses the common password %j", (password) => {
    expect(checkNewPassword(password)).toEqual({ ok: false, message: COMMON_PASSWORD_MESSAGE });
  });

  it("refuses the person's own email address or its local part", () => {
    expect(checkNewPassword("Ada.Lovelace@example.com", { email: "ada.lovelace@example.com" })).toEqual({
      ok: false,
      message: EMAIL_AS_PASSWORD_MESSAGE,
    });
    expect(checkNewPassword("ada.lovelace", { email: "Ada.Lovelace@example.com" }).ok).toBe(false);
    expect(checkNewPassword("analytical engine notes", { email: "ada@example.com" }).ok).toBe(true);
  });

  it("ships a list of common passwords of sensible size", () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(1000);
    for (const entry of list) expect(entry).toBe(entry.toLowerCase());
    expect(isCommonPassword("violet tractor sings at dawn")).toBe(false);
  });
});
