import { describe, expect, it } from "vitest";
import { createToken, hashEmail, hashToken, normalizeEmail } from "./tokens";

describe("tokens", () => {
  it("are 32 random bytes in base64url", () => {
    const token = createToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("do not repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, createToken));
    expect(tokens.size).toBe(1000);
  });

  it("are stored as their SHA-256 in hex", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const token = createToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });
});

describe("email hashes", () => {
  it("ignore case and surrounding spaces", () => {
    expect(normalizeEmail("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(hashEmail(" Ada@Example.com")).toBe(hashEmail("ada@example.com"));
    expect(hashEmail("ada@example.com")).not.toBe(hashEmail("bob@example.com"));
    expect(hashEmail("ada@example.com")).not.toContain("ada");
  });
});
