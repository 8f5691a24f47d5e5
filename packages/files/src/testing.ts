import sharp from "sharp";

// Real images for other packages' tests (they do not depend on the image library themselves).

/** A PNG of this size, in one colour. */
export async function samplePng(width = 32, height = 24): Promise<Uint8Array<ArrayBuffer>> {
  const out = await sharp({ create: { width, height, channels: 3, background: "#2a6" } })
    .png()
    .toBuffer();
  return new Uint8Array(out);
}

/** The format and size of an image, as the image library reads them. */
export async function imageInfo(
  bytes: Uint8Array,
): Promise<{ format?: string; width?: number; height?: number }> {
  const { format, width, height } = await sharp(bytes).metadata();
  return { format, width, height };
}
