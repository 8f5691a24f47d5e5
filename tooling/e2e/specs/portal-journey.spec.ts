import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { environment } from "../environment";
import { linkFromMail } from "../fixtures";
import { clockIn, customer, hhmm, officeContext, photoPng, plan } from "./field-day-support";
import {
  bothSizes,
  type ConsoleWatch,
  expect,
  hydrated,
  idFromUrl,
  portalSizes,
  test,
  uniqueSuffix,
  watchConsole,
} from "./support";

// Issue 11, the whole way through, once per portal language: an admin invites a contact person of
// the dental practice → the contact accepts through the link the SMTP server received → files a
// request → the office accepts and plans it → the portal says planned → the employee works the
// visit and reports it with two photos → the admin approves and publishes the report with one of
// the two files released → the portal says completed, the contact downloads the released file and
// cannot reach the other. Portal words come from the portal's own resource files, so the spec
// checks the French pages with the French the contact reads.

const employee = "Lucas Moreau";
const { desk, phone } = portalSizes;
const locales = path.resolve(import.meta.dirname, "../../../apps/portal/app/locales");

type Locale = "en" | "fr";
const resources = new Map<string, Record<string, string>>();

/** A portal text in the contact's language, with its {{placeholders}} filled in. */
function word(locale: Locale, ns: string, key: string, values: Record<string, string | number> = {}) {
  const file = `${locale}/${ns}`;
  if (!resources.has(file)) {
    resources.set(file, JSON.parse(readFileSync(path.join(locales, `${file}.json`), "utf8")));
  }
  const text = resources.get(file)![key];
  expect(text, `${file}.json has ${key}`).toBeTruthy();
  return text!.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** Screenshots at both sizes, and the page fits a phone's width. */
async function looked(page: Page, testInfo: TestInfo, name: string) {
  await bothSizes(page, testInfo, name);
  await page.setViewportSize(phone);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${name} fits a phone`,
  ).toBeLessThanOrEqual(phone.width);
  await page.setViewportSize(desk);
}

/** The employee works the visit on a phone and submits a report with two photos; returns the report id. */
async function workTheVisit(browser: Browser, appointmentId: string, title: string, watches: ConsoleWatch[]) {
  const env = environment();
  const { context, page } = await officeContext(browser, "employee@demo.example", watches);
  await page.setViewportSize(phone);
  await page.goto(`${env.workspace}/visits/${appointmentId}`);
  await hydrated(page);
  const updates = page.locator(".panel", {
    has: page.getByRole("heading", { level: 2, name: "Updates", exact: true }),
  });
  for (const [button, recorded] of [
    ["I have arrived", "On site"],
    ["Start work", "In progress"],
    ["Work completed", "Completed"],
  ] as const) {
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect(updates.getByText(recorded, { exact: true })).toHaveCount(1);
  }
  await page.getByRole("link", { name: "Write the visit report" }).click();
  await page.getByRole("button", { name: "Start the visit report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report started." })).toBeVisible();
  const reportId = idFromUrl(page, "/reports");
  await hydrated(page);
  for (const name of ["new-filter.png", "old-filter.png"]) {
    await page.getByLabel("Add a photo").setInputFiles({ name, mimeType: "image/png", buffer: photoPng() });
    await page.getByRole("button", { name: "Upload photo" }).click();
    await expect(
      page.getByRole("region", { name: "Photos and files" }).getByRole("link", { name: `Download ${name}` }),
    ).toBeVisible();
  }
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: /^Completed/ }).check();
  await page
    .getByLabel("What was done")
    .fill("Replaced the suction filter; internal remark: the old one was the wrong model.");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report submitted." })).toBeVisible();
  await context.close();
  return reportId;
}

for (const locale of ["en", "fr"] as const) {
  test(`a contact is invited, asks for work and receives its report, in ${locale === "en" ? "English" : "French"}`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(180_000);
    const env = environment();
    const t = (ns: string, key: string, values?: Record<string, string | number>) =>
      word(locale, ns, key, values);
    const suffix = uniqueSuffix();
    const email = `${locale}.${suffix}@cabinet-foch.example`;
    const contactName = `Claire Dubois ${suffix}`;
    const requestTitle = `Suction unit whistles ${suffix}`;
    const watches: ConsoleWatch[] = [];

    // 1. The admin adds the practice's contact person and invites them in the journey's language.
    const admin = await officeContext(browser, "admin@demo.example", watches);
    const office = admin.page;
    await office.goto(`${env.workspace}/customers?q=${encodeURIComponent("Cabinet Dentaire")}`);
    await office.getByRole("link", { name: customer }).first().click();
    await office.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const customerUrl = office.url();
    await office.goto(`${customerUrl}/contacts/new`);
    await office.getByLabel("Name").fill(contactName);
    await office.getByLabel("Email (optional)").fill(email);
    await office.getByRole("button", { name: "Add contact person" }).click();
    const portalPanel = office.getByRole("region", { name: "Customer portal" });
    await portalPanel.getByRole("link", { name: "Invite a contact person" }).click();
    await expect(office.getByRole("heading", { level: 1, name: "Invite a contact person" })).toBeVisible();
    await office
      .getByLabel("Contact person", { exact: true })
      .selectOption({ label: `${contactName} — ${email}` });
    await office.getByLabel("The whole customer").check();
    await office.getByLabel(locale === "en" ? "English" : "Français").check();
    await office.getByRole("button", { name: "Send invitation" }).click();
    await expect(office.getByRole("status")).toContainText("The invitation is on its way");

    // 2. The contact accepts through the mailed link and lands in the portal, in their language.
    const link = await linkFromMail(email, env.portal);
    const contact = await browser.newContext({ viewport: desk, locale: locale === "en" ? "en-GB" : "fr-FR" });
    watches.push(watchConsole(contact));
    const page = await contact.newPage();
    await page.goto(link);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await page.getByLabel(t("account", "invitation.name")).fill(contactName);
    await page
      .getByLabel(t("account", "invitation.password"), { exact: true })
      .fill("a long passphrase for the portal 2026");
    await page.getByLabel(t("account", "invitation.repeat")).fill("a long passphrase for the portal 2026");
    await page.getByRole("button", { name: t("account", "invitation.create") }).click();
    await expect(page.getByRole("navigation", { name: t("common", "nav.label") })).toBeVisible();
    await expect(page.getByText(customer).first()).toBeVisible();
    await looked(page, testInfo, `journey-${locale}-1-home`);

    // 3. A request for the practice, with a preferred day.
    await page
      .getByRole("navigation", { name: t("common", "nav.label") })
      .getByRole("link", { name: t("common", "nav.requests") })
      .click();
    // The home page offers a new request too: wait for the list, or the second click would cut
    // the first navigation short.
    await page.waitForURL(/\/requests$/);
    await page
      .getByRole("link", { name: t("requests", "list.new") })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: t("requests", "new.title") })).toBeVisible();
    await page.getByRole("radio", { name: new RegExp(`^${t("requests", "type.service")}`) }).check();
    await page.getByLabel(t("requests", "new.titleLabel")).fill(requestTitle);
    await page
      .getByLabel(t("requests", "new.description"))
      .fill("The suction unit in treatment room 2 whistles loudly since Monday.");
    // The practice has one site: it is the one to pick (a placeholder may come first).
    const site = page.getByLabel(t("requests", "new.location"), { exact: true });
    const value = await site
      .locator("option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v !== ""));
    await site.selectOption(value!);
    await page.getByRole("button", { name: t("requests", "new.send") }).click();
    await expect(page.getByRole("heading", { level: 1, name: requestTitle })).toBeVisible();
    const requestUrl = page.url().split("?")[0]!;
    const status = page.locator(".request-meta .request-status");
    await expect(status).toHaveText(t("requests", "status.submitted"));

    // 4. The office accepts it as work and plans it for later today with Lucas.
    await office.goto(`${env.workspace}/`);
    const zoneLine = await office.getByText(/Times are shown in /).textContent();
    const timeZone = /Times are shown in ([\w/+-]+)\./.exec(zoneLine ?? "")?.[1] ?? "UTC";
    await office.goto(`${env.workspace}/requests`);
    await office.getByRole("link", { name: requestTitle }).click();
    await office.getByRole("link", { name: "Accept…" }).click();
    const accept = office.getByRole("region", { name: "Accept this request as work?" });
    await expect(accept.getByLabel("Title of the work")).toHaveValue(requestTitle);
    await accept.getByRole("button", { name: "Accept and create work" }).click();
    await expect(office.getByText("Request accepted.")).toBeVisible();
    await office.getByRole("link", { name: requestTitle }).last().click();
    await office.waitForURL(/\/targets\/[0-9a-f-]{36}/);
    const now = clockIn(timeZone);
    const start = Math.min(Math.ceil((now.minute + 30) / 15) * 15 + (locale === "fr" ? 60 : 0), 22 * 60);
    const appointmentId = await plan(office, {
      day: now.day,
      start: hhmm(start),
      end: hhmm(start + 30),
      employee,
    });

    // 5. The portal shows the request planned, and the visit among the appointments.
    await page.goto(requestUrl);
    await expect(status).toHaveText(t("requests", "status.planned"));
    await page.goto(`${env.portal}/appointments`);
    await expect(page.getByRole("heading", { level: 1, name: t("appointments", "title") })).toBeVisible();
    await expect(page.getByText(requestTitle).first()).toBeVisible();
    await looked(page, testInfo, `journey-${locale}-2-appointments`);

    // 6. Lucas works the visit and reports it with two photos.
    const reportTitle = `Suction unit serviced ${suffix}`;
    const reportId = await workTheVisit(browser, appointmentId, reportTitle, watches);

    // 7. The admin approves the report and publishes it with one of its two files.
    await office.goto(`${env.workspace}/reports/${reportId}`);
    await office.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(office.getByRole("status").filter({ hasText: "Report approved." })).toBeVisible();
    const publish = office.getByRole("region", { name: "Customer portal" });
    const portalTitle = `Suction unit repaired ${suffix}`;
    await publish.getByLabel("Title for the customer").fill(portalTitle);
    await publish
      .getByLabel("Summary for the customer")
      .fill("The suction unit of room 2 works quietly again.");
    await publish.getByRole("button", { name: "Publish to the portal" }).click();
    await expect(office.getByText("The report is shared in the customer portal.")).toBeVisible();
    await publish.getByRole("button", { name: "Release new-filter.png" }).click();
    await expect(publish.getByRole("button", { name: "Withdraw new-filter.png" })).toBeVisible();
    await expect(publish.getByRole("button", { name: "Release old-filter.png" })).toBeVisible();
    const fileLinks = publish.locator(".portal-file a");
    const idOf = async (name: string) =>
      (await fileLinks.filter({ hasText: name }).getAttribute("href"))!.split("/").pop()!;
    const released = await idOf("new-filter.png");
    const kept = await idOf("old-filter.png");

    // 8. The contact: completed, the report in their words, the released file only.
    await page.goto(requestUrl);
    await expect(status).toHaveText(t("requests", "status.completed"));
    await looked(page, testInfo, `journey-${locale}-3-request`);
    await page
      .getByRole("navigation", { name: t("common", "nav.label") })
      .getByRole("link", { name: t("common", "nav.reports") })
      .click();
    await page.getByRole("link", { name: new RegExp(portalTitle) }).click();
    await expect(page.getByRole("heading", { level: 1, name: portalTitle })).toBeVisible();
    await expect(page.getByText("The suction unit of room 2 works quietly again.")).toBeVisible();
    await expect(page.getByText("internal remark")).toHaveCount(0);
    const download = page.getByRole("link", {
      name: t("reports", "files.download", { name: "new-filter.png" }),
    });
    await expect(download).toBeVisible();
    await expect(
      page.getByRole("link", { name: t("reports", "files.download", { name: "old-filter.png" }) }),
    ).toHaveCount(0);
    await looked(page, testInfo, `journey-${locale}-4-report`);
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toBe("new-filter.png");
    expect((await contact.request.get(`${env.portal}/files/${released}`)).status()).toBe(200);
    expect((await contact.request.get(`${env.portal}/files/${kept}`)).status()).toBe(404);

    // The timeline tells the request's story, in the contact's words.
    await page.goto(`${env.portal}/timeline`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await looked(page, testInfo, `journey-${locale}-5-timeline`);

    await contact.close();
    await admin.context.close();
    for (const watch of watches) expect(watch.unexpected(), "console errors").toEqual([]);
  });
}
