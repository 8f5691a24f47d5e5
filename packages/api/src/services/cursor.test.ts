import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { cursorCodec } from "./cursor";

const raw = (values: unknown) => Buffer.from(JSON.stringify(values)).toString("base64url");
const id = "3f0c1d2e-4b5a-4c6d-8e7f-001122334455";

describe("typed page cursors", () => {
  const byName = cursorCodec("text", "uuid");
  const byTime = cursorCodec("timestamp", "uuid");

  it("round-trips what a list encodes, including the database's own timestamp text", () => {
    expect(byName.decode(byName.encode(["Garage Martin", id]))).toEqual(["Garage Martin", id]);
    const text = "2026-12-04 15:13:32.123456+00";
    expect(byTime.decode(byTime.encode([text, id]))).toEqual([text, id]);
  });

  it.each([
    ["a non-UUID id", byName, raw(["Garage", "not-a-uuid"])],
    ["a non-date timestamp", byTime, raw(["yesterday", id])],
    ["an impossible day", byTime, raw(["2026-02-31 10:00:00+00", id])],
    ["a number where text belongs", byName, raw([12, id])],
    ["too few values", byName, raw(["Garage"])],
    ["a NUL byte", byName, raw(["Gar\u0000age", id])],
    ["not JSON", byName, "%%%"],
  ])("refuses %s as a field error on `after`", (_label, codec, cursor) => {
    try {
      codec.decode(cursor);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
    }
  });
});
