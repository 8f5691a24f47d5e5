// Stand-in pictures for demo data: a plain JPEG in one of a few muted colours, so a seeded photo
// has real bytes behind it (a thumbnail, a download) without shipping image files in the repo.

const colours = ["#7a8f99", "#a39171", "#6f8a6a", "#8c7a94", "#9a6f63"] as const;

/** A 640×480 JPEG; `variant` picks the colour. */
export async function placeholderPhoto(variant = 0): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  const background = colours[Math.abs(variant) % colours.length]!;
  const out = await sharp({ create: { width: 640, height: 480, channels: 3, background } })
    .jpeg({ quality: 70 })
    .toBuffer();
  return new Uint8Array(out);
}

/** A one-page PDF that says what it is. */
export function placeholderPdf(title: string): Uint8Array {
  const text = title.replace(/[()\\\r\n]/g, " ").slice(0, 80);
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
