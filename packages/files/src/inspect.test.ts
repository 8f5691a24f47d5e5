import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inspectUpload } from "./inspect";
import { MAX_FILE_BYTES, uploadRefusalOf, uploadRefusals } from "./limits";

// Real files made here: images by sharp, a PDF and executables by their own header bytes.

const image = (format: "png" | "jpeg" | "webp" | "gif", width = 40, height = 20) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .toFormat(format)
    .toBuffer()
    .then((b) => new Uint8Array(b));

const ascii = (text: string) => new TextEncoder().encode(text);

const pdf = ascii(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

// A minimal PE header: "MZ", padding, the PE offset at 0x3c, then "PE\0\0".
function windowsExecutable(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0x4d, 0x5a]);
  bytes[0x3c] = 0x80;
  bytes.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
  return bytes;
}

const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);

// An ISO-BMFF header with the "heic" brand, as an iPhone writes it.
const heic = new Uint8Array([
  0,
  0,
  0,
  0x18,
  ...ascii("ftypheic"),
  0,
  0,
  0,
  0,
  ...ascii("mif1heic"),
  0,
  0,
  0,
  8,
  ...ascii("free"),
]);

describe("inspectUpload", () => {
  it.each(["png", "jpeg", "webp", "gif"] as const)("keeps a %s image with a webp preview", async (format) => {
    const result = await inspectUpload(await image(format), `photo.${format}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.contentType).toBe(`image/${format}`);
    expect(result.preview).not.toBeNull();
    const meta = await sharp(result.preview!).metadata();
    expect(meta.format).toBe("webp");
  });

  it("reads the type from the bytes, not the name, and fixes the name's extension", async () => {
    const result = await inspectUpload(await image("png"), "holiday.jpg");
    expect(result).toMatchObject({ ok: true, contentType: "image/png", fileName: "holiday.jpg.png" });
  });

  it("shrinks previews to 480 pixels on the long side and turns photos upright by EXIF", async () => {
    const big = await inspectUpload(await image("png", 1200, 600), "wide.png");
    expect(big.ok && (await sharp(big.preview!).metadata())).toMatchObject({ width: 480, height: 240 });

    // Stored 60×20 with "rotate 90° clockwise" in EXIF: upright it is 20 wide, 60 tall.
    const sideways = new Uint8Array(
      await sharp({ create: { width: 60, height: 20, channels: 3, background: "#336" } })
        .jpeg()
        .withMetadata({ orientation: 6 })
        .toBuffer(),
    );
    const turned = await inspectUpload(sideways, "phone.jpg");
    expect(turned.ok && (await sharp(turned.preview!).metadata())).toMatchObject({ width: 20, height: 60 });
  });

  it("keeps a PDF, with a SHA-256 checksum of the bytes", async () => {
    const result = await inspectUpload(pdf, "offer.pdf");
    expect(result).toMatchObject({
      ok: true,
      contentType: "application/pdf",
      fileName: "offer.pdf",
      preview: null,
      sizeBytes: pdf.byteLength,
    });
    const expected = new Uint8Array(await crypto.subtle.digest("SHA-256", pdf));
    expect(result.ok && result.checksumSha256).toBe(Buffer.from(expected).toString("hex"));
  });

  it("keeps HEIC photos without a preview", async () => {
    expect(await inspectUpload(heic, "IMG_0001.HEIC")).toMatchObject({
      ok: true,
      contentType: "image/heic",
      preview: null,
    });
  });

  it("keeps plain UTF-8 text and CSV", async () => {
    expect(await inspectUpload(ascii("Meter reading: 1234 kWh\nAll fine ✓\n"), "notes")).toMatchObject({
      ok: true,
      contentType: "text/plain",
      fileName: "notes.txt",
    });
    expect(await inspectUpload(ascii("room,reading\nA,12\n"), "readings.csv")).toMatchObject({
      ok: true,
      contentType: "text/csv",
      fileName: "readings.csv",
    });
  });

  it.each([
    ["a Windows program named like a photo", windowsExecutable(), "photo.jpg"],
    ["a Linux program", elf, "tool.pdf"],
    [
      "an HTML page named like text",
      ascii("<!DOCTYPE html><html><script>alert(1)</script></html>"),
      "readme.txt",
    ],
    ["an HTML page with leading blank lines", ascii("\n\n  <html><body>hi</body></html>"), "x.jpg"],
    [
      "an SVG image",
      ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      "a.svg",
    ],
    ["an XML file", ascii('<?xml version="1.0"?><root/>'), "data.csv"],
    ["a shell script", ascii("#!/bin/sh\nrm -rf ~\n"), "notes.txt"],
    ["bytes that are not UTF-8 text", new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xff]), "x.txt"],
    ["text with a NUL byte", ascii("abc\u0000def"), "x.txt"],
    [
      "a ZIP archive",
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, ...new Array(30).fill(0)]),
      "a.pdf",
    ],
  ])("refuses %s", async (_what, bytes, name) => {
    expect(await inspectUpload(bytes, name)).toMatchObject({ ok: false, reason: "type" });
  });

  it("refuses an image that does not decode", async () => {
    const png = await image("png");
    expect(await inspectUpload(png.slice(0, 40), "broken.png")).toMatchObject({
      ok: false,
      reason: "damaged",
    });
  });

  it("refuses empty files and files over the limit", async () => {
    expect(await inspectUpload(new Uint8Array(), "x.txt")).toMatchObject({ ok: false, reason: "empty" });
    const over = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61);
    expect(await inspectUpload(over, "x.txt")).toMatchObject({ ok: false, reason: "too_large" });
    const atLimit = new Uint8Array(MAX_FILE_BYTES).fill(0x61);
    expect(await inspectUpload(atLimit, "x.txt")).toMatchObject({ ok: true, sizeBytes: MAX_FILE_BYTES });
  });

  it("says why with the one sentence per reason, which names the reason again", async () => {
    const refused = await inspectUpload(ascii("<svg/>"), "x.svg");
    expect(refused).toEqual({ ok: false, reason: "type", message: uploadRefusals.type });
    expect(uploadRefusals.too_large).toBe("Files can be at most 10 MB.");
    for (const [reason, message] of Object.entries(uploadRefusals)) {
      expect(uploadRefusalOf(message)).toBe(reason);
    }
    expect(uploadRefusalOf("Something else.")).toBeNull();
    expect(uploadRefusalOf(undefined)).toBeNull();
  });
});
