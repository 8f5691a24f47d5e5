import type { APIRequestContext } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { bothSizes, expect, portalSizes, screenshot, setPortalLanguage, test, uniqueSuffix } from "./support";

// Issue 11, shared reports: an admin takes a demo report out of the portal, publishes it again with
// new words and only one of its two files; the demo contact reads the new words, downloads that file
// (with the safe headers) and gets 404 for the other. Then the contact's pages in English and French,
// on a desktop and a phone, for the record.

const desk = portalSizes.desk;
const DEMO_REPORT = "Unblock the drain in the bin room";

type Card = { id: string; title: string };

/** The demo contact's published reports, through the portal's own API (every page). */
async function portalReports(request: APIRequestContext, base: string): Promise<Card[]> {
  const cards: Card[] = [];
  let cursor: string | undefined;
  do {
    const input = encodeURIComponent(
      JSON.stringify({ json: cursor ? { limit: 50, cursor } : { limit: 50 } }),
    );
    const response = await request.get(`${base}/api/trpc/reports.list?input=${input}`);
    expect(response.status(), await response.text()).toBe(200);
    const page = (await response.json()).result.data.json as { items: Card[]; nextCursor: string | null };
    cards.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return cards;
}

test("staff publish a report with one of its two files; the contact reads it and downloads only that file", async ({
  browser,
}, testInfo) => {
  const env = environment();
  const contact = await browser.newContext({ viewport: desk, locale: "en-GB" });
  await signInAs(contact, "portal", "portal@demo.example");
  const shared = (await portalReports(contact.request, env.portal)).find((c) =>
    c.title.startsWith(DEMO_REPORT),
  );
  expect(shared, "the demo's published report of the drain visit").toBeTruthy();
  const reportId = shared!.id;

  // The office: take it out of the portal (after confirming), then publish it again with new words.
  const office = await browser.newContext({ viewport: desk, locale: "en-GB" });
  await signInAs(office, "workspace", "admin@demo.example");
  const staff = await office.newPage();
  await staff.goto(`${env.workspace}/reports/${reportId}`);
  const panel = staff.getByRole("region", { name: "Customer portal" });
  await expect(panel.getByText("Shared in the portal")).toBeVisible();
  await panel.getByRole("link", { name: "Remove from the portal…" }).click();
  await panel.getByRole("button", { name: "Remove from the portal" }).click();
  await expect(staff.getByText("The report was removed from the customer portal.")).toBeVisible();
  await expect(panel.getByText("Not shared")).toBeVisible();
  expect((await contact.request.get(`${env.portal}/reports/${reportId}`)).status()).toBe(404);

  const title = `Drain cleared ${uniqueSuffix()}`;
  await panel.getByLabel("Title for the customer").fill(title);
  await panel.getByLabel("Summary for the customer").fill("The drain in the bin room runs freely again.");
  await panel.getByLabel("Message (optional)").fill("Please keep the grate clear of bags.");
  await panel.getByRole("button", { name: "Publish to the portal" }).click();
  await expect(staff.getByText("The report is shared in the customer portal.")).toBeVisible();

  // Its two files: keep the first, withdraw the second.
  const links = panel.locator(".portal-file a");
  await expect(links).toHaveCount(2);
  const files = await Promise.all(
    [0, 1].map(async (n) => ({
      id: (await links.nth(n).getAttribute("href"))!.split("/").pop()!,
      name: (await links.nth(n).textContent())!.trim(),
    })),
  );
  const [kept, withdrawn] = files as [(typeof files)[0], (typeof files)[0]];
  for (const file of files) {
    const release = panel.getByRole("button", { name: `Release ${file.name}` });
    if (!(await release.isVisible())) continue;
    await release.click();
    await expect(panel.getByRole("button", { name: `Withdraw ${file.name}` })).toBeVisible();
  }
  await panel.getByRole("button", { name: `Withdraw ${withdrawn.name}` }).click();
  await expect(staff.getByText("The file was withdrawn from the customer portal.")).toBeVisible();
  await expect(panel.getByRole("button", { name: `Release ${withdrawn.name}` })).toBeVisible();
  await expect(panel.getByRole("button", { name: `Withdraw ${kept.name}` })).toBeVisible();
  await screenshot(staff, testInfo, "h3-workspace-portal-panel", panel);

  // The contact: the new words, the one released file, downloaded with safe headers.
  const page = await contact.newPage();
  await page.goto(`${env.portal}/reports`);
  await page.getByRole("link", { name: new RegExp(title) }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("The drain in the bin room runs freely again.")).toBeVisible();
  await expect(page.getByText("Please keep the grate clear of bags.")).toBeVisible();
  await expect(page.getByRole("link", { name: `Download ${kept.name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Download ${withdrawn.name}` })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: `Download ${kept.name}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(kept.name);

  const file = await contact.request.get(`${env.portal}/files/${kept.id}`);
  expect(file.status()).toBe(200);
  const headers = file.headers();
  expect(headers["content-disposition"]).toMatch(/^attachment; filename="/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
  expect(headers["cache-control"]).toBe("private, no-store");
  expect((await file.body()).length).toBeGreaterThan(0);
  expect((await contact.request.head(`${env.portal}/files/${kept.id}`)).status()).toBe(200);
  expect((await contact.request.get(`${env.portal}/files/${withdrawn.id}`)).status()).toBe(404);
  // Nobody signed in: the sign-in page, never the file.
  const stranger = await browser.newContext();
  const anonymous = await stranger.request.get(`${env.portal}/files/${kept.id}`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);
  await stranger.close();

  // The contact's pages, in English and French, on a desktop and a phone.
  try {
    for (const locale of ["en", "fr"] as const) {
      await setPortalLanguage(contact, env.portal, locale);
      await page.goto(`${env.portal}/appointments`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        locale === "en" ? "Appointments" : "Rendez-vous",
      );
      await bothSizes(page, testInfo, `h3-appointments-${locale}`);
      await page.goto(`${env.portal}/reports`);
      await bothSizes(page, testInfo, `h3-reports-${locale}`);
      await page.goto(`${env.portal}/reports/${reportId}`);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await bothSizes(page, testInfo, `h3-report-${locale}`);
    }
  } finally {
    await setPortalLanguage(contact, env.portal, "en");
  }
  await office.close();
  await contact.close();
});
