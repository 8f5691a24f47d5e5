import { describe, expect, it } from "vitest";
import { asciiFallback, contentDisposition, downloadHeaders, rfc5987 } from "./downloads";

describe("download headers", () => {
  it.each([
    ["report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"],
    [
      "Prüfbericht Küche (2).pdf",
      "attachment; filename=\"Prufbericht Kuche (2).pdf\"; filename*=UTF-8''Pr%C3%BCfbericht%20K%C3%BCche%20%282%29.pdf",
    ],
    [
      'a"; filename="evil.html',
      "attachment; filename=\"a__ filename=_evil.html\"; filename*=UTF-8''a%22%3B%20filename%3D%22evil.html",
    ],
    ["写真.jpg", "attachment; filename=\"__.jpg\"; filename*=UTF-8''%E5%86%99%E7%9C%9F.jpg"],
  ])("encodes %j safely", (name, expected) => {
    expect(contentDisposition("attachment", name)).toBe(expected);
  });

  it("never lets a name break the header", () => {
    const value = contentDisposition("attachment", "x\r\nSet-Cookie: a=b\\'*.txt");
    expect(value).not.toMatch(/[\r\n]/);
    expect(rfc5987("it's*")).toBe("it%27s%2A");
    expect(asciiFallback("   ")).toBe("file");
  });

  it("sets type, nosniff, a sandbox, no caching and the length", () => {
    const headers = downloadHeaders({
      fileName: "notes.txt",
      contentType: "text/plain",
      sizeBytes: 12,
      disposition: "attachment",
    });
    const all: Record<string, string> = {};
    headers.forEach((value, name) => {
      all[name] = value;
    });
    expect(all).toEqual({
      "cache-control": "private, no-store",
      "content-disposition": "attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt",
      "content-length": "12",
      "content-security-policy": "sandbox; default-src 'none'",
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
    });
  });
});
