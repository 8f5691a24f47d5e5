import { describe, expect, it } from "vitest";
import { MAX_FILE_NAME_LENGTH } from "./limits";
import { safeFileName } from "./names";

describe("safeFileName", () => {
  it.each([
    ["report.pdf", "application/pdf", "report.pdf"],
    ["../../etc/passwd", "text/plain", "passwd.txt"],
    ["C:\\Users\\anna\\Desktop\\offer.PDF", "application/pdf", "offer.PDF"],
    ["photo\u202Egnp.exe", "image/png", "photognp.exe.png"],
    ["tab\there\nnew\u0000line.jpg", "image/jpeg", "tab here newline.jpg"],
    ['what?<is>"this"|*.csv', "text/csv", "what__is__this___.csv"],
    ["   ", "image/jpeg", "file.jpg"],
    ["...", "application/pdf", "file.pdf"],
    [".bashrc", "text/plain", "bashrc.txt"],
    ["index.html", "text/plain", "index.html.txt"],
    ["Prüfbericht Küche.pdf", "application/pdf", "Prüfbericht Küche.pdf"],
  ])("%j as %s → %j", (declared, type, expected) => {
    expect(safeFileName(declared, type)).toBe(expected);
  });

  it("shortens long names to the column's length, keeping the extension", () => {
    const kept = safeFileName(`${"a".repeat(400)}.pdf`, "application/pdf");
    expect(kept).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(kept.endsWith("a.pdf")).toBe(true);
    const added = safeFileName("ü".repeat(400), "text/plain");
    expect(Array.from(added)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(added.endsWith(".txt")).toBe(true);
  });
});
