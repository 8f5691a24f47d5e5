import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin";

const allowed = ["https://work.example.com", "http://localhost:3000/"];

function request(method: string, headers: Record<string, string> = {}) {
  return new Request("https://work.example.com/login", { method, headers });
}

describe("isSameOrigin", () => {
  it.each([
    ["POST from the app", request("POST", { origin: "https://work.example.com" }), true],
    ["POST from a listed development origin", request("POST", { origin: "http://localhost:3000" }), true],
    ["POST from another site", request("POST", { origin: "https://evil.example" }), false],
    [
      "POST from a look-alike host",
      request("POST", { origin: "https://work.example.com.evil.example" }),
      false,
    ],
    ["POST from another port", request("POST", { origin: "https://work.example.com:8443" }), false],
    ["POST from another scheme", request("POST", { origin: "http://work.example.com" }), false],
    ["POST with the opaque origin null", request("POST", { origin: "null" }), false],
    ["POST with a malformed origin", request("POST", { origin: "not a url" }), false],
    [
      "POST without Origin, same-site Referer",
      request("POST", { referer: "https://work.example.com/login?x=1" }),
      true,
    ],
    [
      "POST without Origin, foreign Referer",
      request("POST", { referer: "https://evil.example/form" }),
      false,
    ],
    ["POST with neither header", request("POST"), false],
    ["DELETE with neither header", request("DELETE"), false],
    [
      "Origin wins over Referer",
      request("POST", { origin: "https://evil.example", referer: "https://work.example.com/" }),
      false,
    ],
    ["GET needs no check", request("GET", { origin: "https://evil.example" }), true],
    ["HEAD needs no check", request("HEAD"), true],
  ])("%s", (_label, req, expected) => {
    expect(isSameOrigin(req, allowed)).toBe(expected);
  });
});
