import { deflateSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { type ConsoleWatch, expect, idFromUrl, planOnTargetPage, watchConsole } from "./support";

// Helpers of the field-day journey (field-day.spec.ts): a real photo made in memory, the
// workspace's clock, and the office's setup steps.

export const customer = "Cabinet Dentaire Foch";
export const desk = { viewport: { width: 1280, height: 900 }, locale: "en-GB" };

// ---- A real photo: a small PNG made here, so the server reads its type from real bytes ----

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 120×80 RGB picture: a gradient with a dark "crack" across it. */
export function photoPng(width = 120, height = 80): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const crack = Math.abs(y - (x * height) / width) < 2;
      row[1 + x * 3] = crack ? 30 : 120 + Math.round((x / width) * 120);
      row[2 + x * 3] = crack ? 30 : 160;
      row[3 + x * 3] = crack ? 30 : 220 - Math.round((y / height) * 120);
    }
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.concat(rows))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---- The workspace's clock ----

/** Today and the minute of the day in the workspace's time zone. */
export function clockIn(timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    day: `${part("year")}-${part("month")}-${part("day")}`,
    minute: Number(part("hour")) * 60 + Number(part("minute")),
  };
}

export const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

// ---- Office steps ----

export async function officeContext(browser: Browser, email: string, watches: ConsoleWatch[]) {
  const context = await browser.newContext(desk);
  const watch = watchConsole(context);
  watches.push(watch);
  await signInAs(context, "workspace", email);
  return { context, watch, page: await context.newPage() };
}

/** Creates a target for the demo customer at its only location; returns its id and the customer's. */
export async function createTarget(page: Page, title: string) {
  const env = environment();
  await page.goto(`${env.workspace}/targets/new`);
  const find = page.getByRole("search", { name: "Find a customer" });
  await find.getByLabel("Find a customer").fill("Cabinet Dentaire");
  await find.getByRole("button", { name: "Search" }).click();
  const pick = page.getByLabel("Customers matching “Cabinet Dentaire”");
  const option = pick.getByRole("option", { name: new RegExp(`^${customer} `) });
  await pick.selectOption((await option.getAttribute("value"))!);
  const form = page.getByRole("form", { name: "2. The work" });
  await expect(form.getByLabel("Location")).toHaveValue(/[0-9a-f-]{36}/);
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Create target" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const customerHref = await page.getByRole("link", { name: customer }).first().getAttribute("href");
  return { targetId: idFromUrl(page, "/targets"), customerId: customerHref!.split("/").pop()! };
}

/** Plans on the target page (knowingly over other work if need be); returns the appointment id. */
export async function plan(page: Page, slot: { day: string; start: string; end: string; employee: string }) {
  const opened = page.getByRole("status").getByRole("link", { name: "Open the appointment" });
  // A second plan on the same page still shows the first one's notice until the answer comes.
  const before = (await opened.count()) ? await opened.getAttribute("href") : null;
  const fresh = async () => ((await opened.count()) ? await opened.getAttribute("href") : null);
  await planOnTargetPage(page, slot);
  const conflict = page.getByRole("region", { name: /already busy then/ });
  await expect
    .poll(async () => (await conflict.isVisible()) || ((await fresh()) ?? before) !== before)
    .toBe(true);
  if (await conflict.isVisible()) await conflict.getByRole("button", { name: "Plan anyway" }).click();
  await expect.poll(fresh).not.toBe(before);
  await expect(page.getByRole("status")).toContainText("Appointment planned.");
  return (await fresh())!.split("/").pop()!;
}
