import { describe, expect, it } from "vitest";
import { clearedSessionCookie, readCookieValue, sessionCookie, sessionCookieName } from "./cookies";

describe("session cookies", () => {
  it("are named per realm, __Host- prefixed when secure", () => {
    expect(sessionCookieName("staff", true)).toBe("__Host-ordinavo_staff");
    expect(sessionCookieName("portal", true)).toBe("__Host-ordinavo_portal");
    expect(sessionCookieName("staff", false)).toBe("ordinavo_staff");
    expect(sessionCookieName("portal", false)).toBe("ordinavo_portal");
  });

  it("are HttpOnly, SameSite=Lax, Path=/ and Secure outside development", () => {
    const secure = sessionCookie("__Host-ordinavo_staff", "tok", 3600, true);
    expect(secure).toBe("__Host-ordinavo_staff=tok; HttpOnly; Max-Age=3600; Path=/; SameSite=Lax; Secure");
    const local = sessionCookie("ordinavo_portal", "tok", 60, false);
    expect(local).toBe("ordinavo_portal=tok; HttpOnly; Max-Age=60; Path=/; SameSite=Lax");
    expect(secure).not.toMatch(/Domain=/);
  });

  it("are cleared with an empty value and Max-Age=0", () => {
    expect(clearedSessionCookie("ordinavo_staff", false)).toBe(
      "ordinavo_staff=; HttpOnly; Max-Age=0; Path=/; SameSite=Lax",
    );
  });

  it("are read by exact name only", () => {
    const header = "ordinavo_portal=p-token; ordinavo_staff=s-token;other=1";
    expect(readCookieValue(header, "ordinavo_staff")).toBe("s-token");
    expect(readCookieValue(header, "ordinavo_portal")).toBe("p-token");
    expect(readCookieValue("xordinavo_staff=a", "ordinavo_staff")).toBeNull();
    expect(readCookieValue("ordinavo_staff=", "ordinavo_staff")).toBeNull();
    expect(readCookieValue("ordinavo_staff=%E0%A4%A", "ordinavo_staff")).toBeNull();
    expect(readCookieValue(null, "ordinavo_staff")).toBeNull();
  });
});
