import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cursorValue, decodeCursorValues, encodeCursorValues, isTimestampText } from "./paging";

/** The two cursor shapes the lists use: (text, id) and (timestamp, id). */
const byText = z.tuple([cursorValue.text, cursorValue.id]);
const byTime = z.tuple([cursorValue.timestamp, cursorValue.id]);

const id = "7d1f4a2e-0000-4000-8000-000000000000";
/** As the API writes them today: base64url JSON through Node's Buffer. */
const nodeCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");

describe("keyset cursors", () => {
  it("read back what the server wrote, with either encoder", () => {
    const values = ["Café Müller – Zürich", id];
    expect(decodeCursorValues(nodeCursor(values), byText)).toEqual(values);
    expect(encodeCursorValues(values)).toBe(nodeCursor(values));
    const recent = ["2026-11-20 09:00:00.123456+00", id];
    expect(decodeCursorValues(encodeCursorValues(recent), byTime)).toEqual(recent);
    expect(decodeCursorValues(nodeCursor(recent), byTime)).toEqual(recent);
  });

  it.each([
    ["a non-uuid id", byText, nodeCursor(["Acme", "not-a-uuid"])],
    ["a NUL in the text", byText, nodeCursor(["A\u0000", id])],
    ["a non-date", byTime, nodeCursor(["not a date", id])],
    ["an impossible date", byTime, nodeCursor(["2025-13-45 10:00:00+00", id])],
    ["the 30th of February", byTime, nodeCursor(["2025-02-30 10:00:00+00", id])],
    ["too few values", byText, nodeCursor([id])],
    ["too many values", byText, nodeCursor(["a", id, "b"])],
    ["a number for a text", byText, nodeCursor([42, id])],
    ["an object", byText, nodeCursor([{ name: "a" }, id] as unknown[])],
    ["not JSON", byText, Buffer.from("{nope").toString("base64url")],
    ["not base64url", byText, "!!!"],
    ["bytes that are not UTF-8", byText, Buffer.from([0xff, 0xfe, 0x22]).toString("base64url")],
    ["a very long text", byText, "A".repeat(2001)],
  ])("refuse %s", (_what, schema, cursor) => {
    expect(decodeCursorValues(cursor, schema)).toBeNull();
  });

  it.each([
    ["2026-11-20 09:00:00+00", true],
    ["2026-11-20 09:00:00.1+00", true],
    ["2026-11-20 09:00:00.123456+05:30", true],
    ["2026-11-20T09:00:00Z", true],
    ["2024-02-29 00:00:00+00", true],
    ["2023-02-29 00:00:00+00", false],
    ["2026-11-20 24:00:00+00", false],
    ["2026-11-20", false],
    ["20261120 090000", false],
    ["2026-11-20 09:00:00+00; drop table", false],
  ])("%j is a timestamp text: %j", (text, expected) => {
    expect(isTimestampText(text)).toBe(expected);
  });
});
