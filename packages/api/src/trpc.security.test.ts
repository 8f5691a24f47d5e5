import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { dataExceptionCode, describeError } from "./errors";
import { nulPath } from "./trpc";

describe("NUL characters in an input", () => {
  it.each([
    [{ q: "fine" }, null],
    [{ q: "a\u0000b" }, "q"],
    [{ note: { body: "x", lines: ["ok", "bad\u0000"] } }, "note.lines.1"],
    ["top\u0000", "input"],
    [[{ a: 1 }, { b: "\u0000" }], "1.b"],
    [{ when: new Date(0), n: 3, flag: true, none: null }, null],
  ])("%j is refused at %j", (input, path) => {
    expect(nulPath(input)).toBe(path);
  });
});

describe("tRPC's own refusals", () => {
  it.each([
    ["METHOD_NOT_SUPPORTED", 405, "METHOD_NOT_ALLOWED"],
    ["PARSE_ERROR", 400, "VALIDATION"],
    ["PAYLOAD_TOO_LARGE", 413, "PAYLOAD_TOO_LARGE"],
    ["UNSUPPORTED_MEDIA_TYPE", 400, "VALIDATION"],
    ["INTERNAL_SERVER_ERROR", 500, "INTERNAL"],
  ] as const)("%s is answered %d (%s), without tRPC's wording", (trpc, status, app) => {
    const described = describeError(new TRPCError({ code: trpc, message: 'No "path" secrets here' }));
    expect(described.data).toMatchObject({ httpStatus: status, code: app });
    expect(described.message).not.toContain("path");
  });
});

describe("data exceptions from the database", () => {
  it("are found along the causes", () => {
    const pg = Object.assign(new Error("invalid input syntax for type uuid"), { code: "22P02" });
    expect(
      dataExceptionCode(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: { cause: pg } as never })),
    ).toBe("22P02");
    expect(dataExceptionCode(Object.assign(new Error("x"), { code: "23505" }))).toBeNull();
    expect(dataExceptionCode(new Error("x"))).toBeNull();
  });
});
