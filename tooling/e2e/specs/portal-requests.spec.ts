import { environment } from "../environment";
import { signInAs } from "../fixtures";
import {
  addDays,
  bothSizes,
  expect,
  portalSizes,
  screenshot,
  setPortalLanguage,
  test,
  uniqueSuffix,
} from "./support";

// Issue 11, requests: the demo contact files a request with a photo and a note from the portal
// (after a refused first try that keeps what was typed), a manager accepts it in the workspace as
// work, and the portal shows it accepted. Then the request pages in English and French, on a
// desktop and a phone, for the record.

const desk = portalSizes.desk;
/** An 8×8 red PNG: a real image, so the portal makes its preview. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4YaOBFTEMLQkAdntLARs7+acAAAAASUVORK5CYII=",
  "base64",
);

test("a contact files a request with files, the office accepts it, the portal shows it accepted", async ({
  browser,
}, testInfo) => {
  const env = environment();
  const title = `Broken hall light ${uniqueSuffix()}`;
  const contact = await browser.newContext({ viewport: desk, locale: "en-GB" });
  await signInAs(contact, "portal", "portal@demo.example");
  const page = await contact.newPage();

  // The contact: the list, then a new request. A description of spaces only is refused by its
  // field, and what was typed comes back.
  await page.goto(`${env.portal}/requests`);
  await expect(page.getByRole("heading", { level: 1, name: "Requests" })).toBeVisible();
  await page.getByRole("link", { name: "New request" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New request" })).toBeVisible();
  await page.getByRole("radio", { name: /^Service/ }).check();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("   ");
  await page.getByLabel("Location").selectOption({ index: 1 });
  const day = addDays(new Date().toISOString().slice(0, 10), 6);
  await page.getByLabel("Day 1", { exact: true }).fill(day);
  await page.getByLabel("Time of day 1", { exact: true }).selectOption("morning");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Describe what you need")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Day 1", { exact: true })).toHaveValue(day);

  await page
    .getByLabel("Description")
    .fill("The ceiling light in the entrance hall stays off since yesterday evening; the switch clicks.");
  await page.getByLabel("Files (optional)").setInputFiles([
    { name: "hall-light.png", mimeType: "image/png", buffer: PNG },
    { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("Switch by the letterboxes.") },
  ]);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Your request has been sent.")).toBeVisible();
  await expect(page.locator(".request-meta .request-status")).toHaveText("Submitted");
  await expect(page.getByRole("link", { name: /hall-light\.png/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /note\.txt/ })).toBeVisible();
  const requestUrl = page.url().split("?")[0]!;
  const requestId = requestUrl.split("/").pop()!;
  // The contact's files come back through the portal, with the safe headers.
  const noteHref = await page.getByRole("link", { name: /note\.txt/ }).getAttribute("href");
  const note = await contact.request.get(`${env.portal}${noteHref}`);
  expect(note.status()).toBe(200);
  expect(await note.text()).toBe("Switch by the letterboxes.");
  expect(note.headers()["content-disposition"]).toMatch(/^attachment; filename="note.txt"/);
  expect(note.headers()["x-content-type-options"]).toBe("nosniff");

  // The office: the queue, the request, accepted as work with a higher priority.
  const office = await browser.newContext({ viewport: desk, locale: "en-GB" });
  await signInAs(office, "workspace", "manager@demo.example");
  const staff = await office.newPage();
  await staff.goto(`${env.workspace}/`);
  await staff.getByRole("link", { name: "Portal requests" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Portal requests" })).toBeVisible();
  await screenshot(staff, testInfo, "h2-workspace-queue");
  await staff.getByRole("link", { name: title }).click();
  await expect(staff.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(staff.getByRole("link", { name: "Download hall-light.png" })).toBeVisible();
  await screenshot(staff, testInfo, "h2-workspace-request");
  await staff.getByRole("link", { name: "Accept…" }).click();
  const form = staff.getByRole("region", { name: "Accept this request as work?" });
  await expect(form.getByLabel("Title of the work")).toHaveValue(title);
  await form.getByLabel("Priority").selectOption("high");
  await form.getByLabel("Message to the customer (optional)").fill("An electrician will come this week.");
  await screenshot(staff, testInfo, "h2-workspace-accept");
  await form.getByRole("button", { name: "Accept and create work" }).click();
  await expect(staff.getByText("Request accepted.")).toBeVisible();
  await expect(staff.locator(".request-badges .badge").first()).toHaveText("Accepted");
  await staff.getByRole("link", { name: title }).last().click();
  await expect(staff).toHaveURL(/\/targets\//);
  await expect(staff.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The portal: accepted, with the office's message.
  await page.goto(requestUrl);
  await expect(page.locator(".request-meta .request-status")).toHaveText("Accepted");
  await expect(page.getByText("An electrician will come this week.")).toBeVisible();

  // The request pages, in English and French, on a desktop and a phone.
  try {
    for (const locale of ["en", "fr"] as const) {
      await setPortalLanguage(contact, env.portal, locale);
      await page.goto(`${env.portal}/requests`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        locale === "en" ? "Requests" : "Demandes",
      );
      await bothSizes(page, testInfo, `h2-requests-${locale}`);
      await page.goto(`${env.portal}/requests/${requestId}`);
      await expect(page.locator(".request-meta .request-status")).toHaveText(
        locale === "en" ? "Accepted" : "Acceptée",
      );
      await bothSizes(page, testInfo, `h2-request-${locale}`);
      await page.goto(`${env.portal}/requests/new`);
      await bothSizes(page, testInfo, `h2-new-${locale}`);
      // A declined request of the demo, with the office's reason.
      await page.goto(`${env.portal}/requests?status=declined`);
      await page.getByRole("link", { name: "Install a video intercom at the main gate" }).click();
      await expect(page.locator(".request-message")).toBeVisible();
      await bothSizes(page, testInfo, `h2-declined-${locale}`);
    }
  } finally {
    await setPortalLanguage(contact, env.portal, "en");
  }
  await office.close();
  await contact.close();
});
