import type { Locator, Page } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import {
  clockIn,
  createTarget,
  customer,
  desk,
  hhmm,
  officeContext,
  photoPng,
  plan,
} from "./field-day-support";
import {
  addDays,
  boardCard,
  boardCell,
  type ConsoleWatch,
  expect,
  hydrated,
  idFromUrl,
  screenshot,
  test,
  uniqueSuffix,
} from "./support";

// One working day, from the dispatcher's plan to the manager's desk: the employee works two
// visits on a phone (one completion taken offline and replayed), writes both reports with a
// photo; the admin approves one and returns the other; the follow-up work appears by itself;
// the employee resubmits; the customer's history tells the story. Security checks ride along.

const employee = "Lucas Moreau";
const otherEmployee = "Inès Faure";
const phoneSize = { width: 390, height: 844 };

// The employee's context is the test's own (its console is watched by the `test` fixture).
test.use({ viewport: phoneSize, isMobile: true, hasTouch: true });

// ---- Employee steps ----

/** The visit page's list of what was recorded. */
const updatesOf = (page: Page) =>
  page.locator(".panel", { has: page.getByRole("heading", { level: 2, name: "Updates", exact: true }) });

/** Taps a step button and waits until the server has it (it shows in the updates list). */
async function step(page: Page, button: string, recorded: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(updatesOf(page).getByText(recorded, { exact: true })).toHaveCount(1);
  await expect(page.getByRole("heading", { name: /^Waiting to send/ })).toHaveCount(0);
}

/** The employee's card of one visit on Today. */
const dayCard = (page: Page, title: string): Locator =>
  page
    .getByRole("region", { name: "Your day" })
    .getByRole("listitem")
    .filter({ has: page.getByText(title, { exact: true }) });

async function openVisit(page: Page, title: string) {
  await page.goto(`${environment().workspace}/`);
  await dayCard(page, title)
    .getByRole("link", { name: /^Open visit/ })
    .click();
  await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: customer })).toBeVisible();
  await expect(page.getByText(title, { exact: true })).toBeVisible();
  await hydrated(page);
}

test("an employee works a day on a phone and the office reviews it", async ({
  browser,
  context,
  page,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  const env = environment();
  const suffix = uniqueSuffix();
  const first = `Boiler service ${suffix}`;
  const second = `Sterilizer check ${suffix}`;
  const watches: ConsoleWatch[] = [];

  // 1. The dispatcher plans two visits for Lucas later today (and one for Inès tomorrow).
  const dispatcher = await officeContext(browser, "dispatcher@demo.example", watches);
  const office = dispatcher.page;
  await office.goto(`${env.workspace}/`);
  const zoneLine = await office.getByText(/Times are shown in /).textContent();
  const timeZone = /Times are shown in ([\w/+-]+)\./.exec(zoneLine ?? "")?.[1] ?? "";
  expect(timeZone, "the workspace names its time zone").not.toBe("");
  const now = clockIn(timeZone);
  const today = now.day;
  // Later today, so neither is late; near midnight they still fit in the day.
  const start = Math.min(Math.ceil((now.minute + 20) / 15) * 15, 22 * 60);
  const slots = [
    { day: today, start: hhmm(start), end: hhmm(start + 30), employee },
    { day: today, start: hhmm(start + 45), end: hhmm(start + 75), employee },
  ];
  const { customerId } = await createTarget(office, first);
  const firstVisit = await plan(office, slots[0]!);
  await createTarget(office, second);
  const othersVisit = await plan(office, {
    day: addDays(today, 1),
    start: "10:00",
    end: "10:30",
    employee: otherEmployee,
  });
  const secondVisit = await plan(office, slots[1]!);
  expect(new Set([firstVisit, secondVisit, othersVisit]).size).toBe(3);

  // 2. Lucas on his phone: Today holds his day in order, each visit with a way to get there.
  await signInAs(context, "workspace", "employee@demo.example");
  await page.goto(`${env.workspace}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Lucas" })).toBeVisible();
  const myDay = page.getByRole("region", { name: "Your day" });
  await expect(dayCard(page, first)).toHaveCount(1);
  await expect(dayCard(page, second)).toHaveCount(1);
  const order = await myDay
    .getByRole("listitem")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-appointment")));
  expect(order.indexOf(firstVisit)).toBeGreaterThanOrEqual(0);
  expect(order.indexOf(firstVisit), "the earlier visit comes first").toBeLessThan(order.indexOf(secondVisit));
  for (const [title, slot] of [
    [first, slots[0]!],
    [second, slots[1]!],
  ] as const) {
    const card = dayCard(page, title);
    await expect(card).toContainText(`${slot.start}–${slot.end}`);
    await expect(card).toContainText(customer);
    await expect(card.getByRole("link", { name: /^Navigate/ })).toHaveAttribute("href", /^https?:\/\//);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, testInfo, "field-day-1-today");

  // Visit 1: on the way, arrived, working, a comment.
  await openVisit(page, first);
  expect(page.url()).toContain(`/visits/${firstVisit}`);
  await step(page, "On my way", "En route");
  await step(page, "I have arrived", "On site");
  await step(page, "Start work", "In progress");
  await page
    .getByLabel("What should the office know?")
    .fill("Pressure valve replaced, old one kept for the customer.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(updatesOf(page).getByText("Pressure valve replaced", { exact: false })).toHaveCount(1);
  await screenshot(page, testInfo, "field-day-2-working");

  // No signal in the cellar: "Work completed" waits on the phone, and is sent once when back.
  await context.setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "You are offline." })).toBeVisible();
  await page.getByRole("button", { name: "Work completed", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Waiting to send (1)" })).toBeVisible();
  await expect(updatesOf(page).getByText("Completed", { exact: true })).toHaveCount(0);
  await screenshot(page, testInfo, "field-day-3-offline");
  await context.setOffline(false);
  await expect(page.getByRole("heading", { name: /^Waiting to send/ })).toHaveCount(0);
  await expect(updatesOf(page).getByText("Completed", { exact: true })).toHaveCount(1);
  await page.reload();
  await expect(updatesOf(page).getByText("Completed", { exact: true })).toHaveCount(1);
  await expect(updatesOf(page).getByRole("listitem")).toHaveCount(5);

  // The report, with a photo from the "camera".
  await page.getByRole("link", { name: "Write the visit report" }).click();
  // Looking changes nothing; the draft starts with the button (a POST).
  await page.getByRole("button", { name: "Start the visit report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report started." })).toBeVisible();
  const firstReport = idFromUrl(page, "/reports");
  await hydrated(page);
  await page.getByLabel("Add a photo").setInputFiles({
    name: "cracked-tank.png",
    mimeType: "image/png",
    buffer: photoPng(),
  });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "File added." })).toBeVisible();
  const files = page.getByRole("region", { name: "Photos and files" });
  const download = files.getByRole("link", { name: /^Download cracked-tank\.png/ });
  await expect(download).toBeVisible();
  const attachmentId = (await download.getAttribute("href"))!.split("/")[2]!;
  const dueDate = addDays(today, 14);
  await page.getByLabel("Title").fill(first);
  await page.getByRole("radio", { name: /^Completed/ }).check();
  await page.getByLabel("What was done").fill("Serviced the boiler and replaced the pressure valve.");
  await page.getByLabel("Problems found").fill("Hairline crack in the expansion tank.");
  await page.getByLabel("More work is needed").check();
  await page.getByLabel("What needs to be done").fill("Replace the expansion tank.");
  await page.getByLabel("By when (optional)").fill(dueDate);
  await page.getByLabel("This visit is billable").check();
  await screenshot(page, testInfo, "field-day-4-report");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report submitted." })).toBeVisible();

  // Visit 2: arrived straight away, worked, done; a short report.
  await openVisit(page, second);
  await step(page, "I have arrived", "On site");
  await step(page, "Start work", "In progress");
  await step(page, "Work completed", "Completed");
  await page.getByRole("link", { name: "Write the visit report" }).click();
  // Looking changes nothing; the draft starts with the button (a POST).
  await page.getByRole("button", { name: "Start the visit report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report started." })).toBeVisible();
  const secondReport = idFromUrl(page, "/reports");
  await page.getByLabel("Title").fill(second);
  await page.getByRole("radio", { name: /^Partially completed/ }).check();
  await page.getByLabel("What was done").fill("Checked the sterilizer.");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report submitted." })).toBeVisible();
  await page.goto(`${env.workspace}/`);
  await expect(dayCard(page, first)).toContainText("Report: submitted");
  await expect(dayCard(page, second)).toContainText("Report: submitted");
  await screenshot(page, testInfo, "field-day-5-day-done");

  // 3. The admin's queue: both reports, oldest first, the photo with the first.
  const admin = await officeContext(browser, "admin@demo.example", watches);
  const queued = (title: string) =>
    admin.page
      .getByRole("listitem")
      .filter({ has: admin.page.getByRole("link", { name: title, exact: true }) });
  /** Pages through the queue from its start to the page holding `title`; returns the titles seen. */
  const pageTo = async (title: string) => {
    await admin.page.goto(`${env.workspace}/reports`);
    await expect(admin.page.getByRole("heading", { level: 1, name: "Visit reports" })).toBeVisible();
    const seen: string[] = [];
    for (;;) {
      seen.push(...(await admin.page.locator(".report-list > li h2").allTextContents()));
      if (await queued(title).count()) return seen;
      // The demo keeps older reports waiting: ours, the newest, may be a page or two further on.
      const top = admin.page.locator(".report-list > li h2").first();
      const before = await top.textContent();
      await admin.page.getByRole("link", { name: "Next page" }).click();
      await expect(top).not.toHaveText(before!);
    }
  };
  const titles = await pageTo(second);
  expect(titles, "both reports wait for review").toContain(first);
  expect(titles.indexOf(first), "oldest first").toBeLessThan(titles.indexOf(second));
  await pageTo(first);
  const thumb = queued(first)
    .getByRole("list", { name: `Photos of ${first}` })
    .getByRole("img");
  await expect(thumb).toHaveAttribute("src", `/attachments/${attachmentId}/preview`);
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(queued(first)).toContainText(employee);
  await screenshot(admin.page, testInfo, "field-day-6-queue", queued(first));

  await queued(first).getByRole("button", { name: "Approve" }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Report approved." })).toBeVisible();
  await expect(queued(first)).toHaveCount(0);
  // Returned from its own page: the queue's "Return…" link leaves later pages (it drops the cursor).
  await pageTo(second);
  await queued(second).getByRole("link", { name: "Open" }).click();
  await admin.page.getByRole("link", { name: "Return with a reason…" }).click();
  const reason = "Say which parts of the sterilizer were checked, and what is left to do.";
  const returning = admin.page.getByRole("region", { name: `Return “${second}” to its author?` });
  await returning.getByLabel("What needs to change").fill(reason);
  await screenshot(admin.page, testInfo, "field-day-7-return", returning);
  await returning.getByRole("button", { name: "Return to author" }).click();
  await expect(
    admin.page.getByRole("status").filter({ hasText: "Report returned to its author." }),
  ).toBeVisible();
  await expect(admin.page.getByRole("note")).toContainText(reason);

  // 4. The follow-up work appears by itself (the job runs in the server process).
  const followUpTitle = `Follow-up: ${first}`;
  await expect
    .poll(
      async () => {
        await admin.page.goto(`${env.workspace}/customers/${customerId}`);
        return admin.page
          .getByRole("region", { name: "Follow-ups" })
          .getByRole("link", { name: followUpTitle })
          .count();
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(1);
  const followUps = admin.page.getByRole("region", { name: "Follow-ups" });
  const followUpItem = followUps.getByRole("listitem").filter({ hasText: followUpTitle });
  await expect(followUpItem).toContainText("Replace the expansion tank.");
  await expect(followUpItem).toContainText("Open");
  await followUpItem.getByRole("link", { name: followUpTitle }).click();
  await expect(admin.page.getByRole("heading", { level: 1, name: followUpTitle })).toBeVisible();
  await expect(admin.page.getByRole("link", { name: `“${first}”` })).toHaveAttribute(
    "href",
    `/reports/${firstReport}`,
  );
  await screenshot(admin.page, testInfo, "field-day-8-follow-up-target");
  await admin.page.goto(`${env.workspace}/reports/${firstReport}`);
  await expect(admin.page.getByRole("region", { name: "Follow-up" })).toContainText(followUpTitle);
  await expect(admin.page.getByRole("region", { name: "Billing" })).toContainText("Pending");

  // 5. Back on the phone: the returned report says why; Lucas fixes it and sends it again.
  await page.goto(`${env.workspace}/reports`);
  const mine = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: second, exact: true }) });
  await expect(mine).toContainText("Returned");
  await mine.getByRole("link", { name: "Continue writing" }).click();
  await expect(page.getByRole("note")).toContainText(reason);
  await expect(page.getByRole("note")).toContainText(/^Returned/);
  await screenshot(page, testInfo, "field-day-9-returned");
  await page
    .getByLabel("What was done")
    .fill("Checked the door seal and the heating element. The water pump is left to do.");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report submitted." })).toBeVisible();
  expect(idFromUrl(page, "/reports")).toBe(secondReport);

  // 6. The manager reads the customer's history: who did what, newest first.
  const manager = await officeContext(browser, "manager@demo.example", watches);
  await manager.page.goto(`${env.workspace}/customers/${customerId}`);
  const history = manager.page.getByRole("region", { name: "History" });
  const entry = (what: string, title: string) =>
    history.getByRole("listitem").filter({ hasText: what }).filter({ hasText: title });
  await expect(entry("Appointment planned", first).first()).toContainText("Nadia Benali");
  await expect(entry("Appointment completed", first)).toContainText(employee);
  await expect(entry("Appointment completed", second)).toContainText(employee);
  await expect(entry("Visit report submitted", first)).toContainText(employee);
  await expect(entry("Visit report approved", first)).toContainText("Sophie Marchand");
  await expect(entry("Visit report returned for changes", second)).toContainText("Sophie Marchand");
  await expect(entry("Visit report submitted", second)).toHaveCount(2);
  // This run's follow-up: its entry links to the work the job made for it (listed under Follow-ups).
  const followUpWork = await manager.page
    .getByRole("region", { name: "Follow-ups" })
    .getByRole("link", { name: followUpTitle })
    .getAttribute("href");
  await expect(
    entry("Follow-up created", "Replace the expansion tank.").filter({
      has: manager.page.locator(`a[href="${followUpWork}"]`),
    }),
  ).toHaveCount(1);
  await screenshot(
    manager.page,
    testInfo,
    "field-day-10-history",
    history.getByRole("heading", { level: 2, name: "History" }),
  );

  // The board shows both visits done.
  await manager.page.goto(`${env.workspace}/board?day=${today}&span=week`);
  const cell = await boardCell(manager.page, employee, today);
  for (const title of [first, second]) {
    await expect(boardCard(cell, title).getByRole("link").first()).toHaveAccessibleName(
      /Status: Completed\./,
    );
  }
  await screenshot(manager.page, testInfo, "field-day-11-board", boardCard(cell, second));

  // 7. What an employee may not reach, and how files leave the server.
  consoleErrors.allow(/status of 40[34]/);
  await page.goto(`${env.workspace}/audit`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    /You do not have access to this page|This page does not exist/,
  );
  await page.goto(`${env.workspace}/visits/${othersVisit}`);
  await expect(page.getByRole("heading", { level: 1, name: "This page does not exist" })).toBeVisible();
  await screenshot(page, testInfo, "field-day-12-not-found");

  const file = await context.request.get(`${env.workspace}/attachments/${attachmentId}`);
  expect(file.status()).toBe(200);
  const headers = file.headers();
  expect(headers["content-disposition"]).toMatch(/^attachment;/);
  expect(headers["content-disposition"]).toContain("cracked-tank.png");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["content-type"]).toBe("image/png");
  expect(Buffer.compare(await file.body(), photoPng())).toBe(0);
  // Another employee (not on this visit) cannot fetch it, nor its preview.
  const camille = await browser.newContext(desk);
  await signInAs(camille, "workspace", "camille.girard@demo.example");
  for (const path of [`/attachments/${attachmentId}`, `/attachments/${attachmentId}/preview`]) {
    expect((await camille.request.get(`${env.workspace}${path}`)).status(), path).toBe(404);
  }

  for (const office of [dispatcher, admin, manager]) await office.context.close();
  await camille.close();
  for (const watch of watches) expect(watch.unexpected(), "office console errors").toEqual([]);
});
