import type { Browser, Locator, Page } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import {
  expect,
  hydrated,
  idFromUrl,
  planOnTargetPage,
  screenshot,
  test,
  uniqueSuffix,
  watchConsole,
} from "./support";

// One employee's days far from the seeded schedule; each test plans its own day.
const employee = "Mathieu Bonnet";
const scriptDay = "2027-06-15";
const plainDay = "2027-06-16";

/**
 * Three sites on one east-west line, about 5 km apart: A, B, C. Planned in the order A, C, B the
 * route doubles back; A, B, C (or C, B, A) is the short way.
 */
const sites = [
  { key: "A", latitude: "45.7500", longitude: "4.8000" },
  { key: "B", latitude: "45.7500", longitude: "4.8700" },
  { key: "C", latitude: "45.7500", longitude: "4.9400" },
] as const;
/** When each stop is first planned: A, then C, then B. */
const slots = { A: ["08:00", "09:00"], C: ["09:30", "10:30"], B: ["11:00", "12:00"] } as const;

let customerName = "";
const targets: Record<string, { id: string; title: string }> = {};

/** The customer and its three sites (an admin's work), and a target at each (a dispatcher's). */
async function createStops(browser: Browser) {
  const env = environment();
  const suffix = uniqueSuffix();
  customerName = `Route Fixture ${suffix}`;

  const adminContext = await browser.newContext();
  await signInAs(adminContext, "workspace", "admin@demo.example");
  const admin = await adminContext.newPage();
  await admin.goto(`${env.workspace}/customers/new`);
  await admin.getByLabel("Name", { exact: true }).fill(customerName);
  await admin.getByRole("button", { name: "Create customer" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: customerName })).toBeVisible();
  const customerId = idFromUrl(admin, "/customers");
  for (const site of sites) {
    await admin.goto(`${env.workspace}/customers/${customerId}/locations/new`);
    await admin.getByLabel("Name", { exact: true }).fill(`Site ${site.key} ${suffix}`);
    await admin.getByLabel("Street address").fill(`${site.key} Route de Test`);
    await admin.getByLabel("City").fill("Lyon");
    await admin.getByLabel("Country").fill("FR");
    await admin.getByLabel("Latitude").fill(site.latitude);
    await admin.getByLabel("Longitude").fill(site.longitude);
    await admin.getByRole("button", { name: "Add location" }).click();
    await expect(admin.getByRole("status")).toHaveText("The location is added.");
  }
  await adminContext.close();

  const dispatcherContext = await browser.newContext();
  await signInAs(dispatcherContext, "workspace", "dispatcher@demo.example");
  const dispatcher = await dispatcherContext.newPage();
  for (const site of sites) {
    const title = `Stop ${site.key} ${suffix}`;
    await dispatcher.goto(`${env.workspace}/targets/new?customerId=${customerId}`);
    const form = dispatcher.getByRole("form", { name: "2. The work" });
    const location = form.getByLabel("Location");
    const value = await location
      .locator("option", { hasText: `Site ${site.key} ${suffix}` })
      .getAttribute("value");
    await location.selectOption(value!);
    await form.getByLabel("Title").fill(title);
    await form.getByRole("button", { name: "Create target" }).click();
    await expect(dispatcher.getByRole("heading", { level: 1, name: title })).toBeVisible();
    targets[site.key] = { id: idFromUrl(dispatcher, "/targets"), title };
  }
  await dispatcherContext.close();
}

/** Plans the three stops on a day for the employee, in the roundabout order A, C, B. */
async function planDay(page: Page, day: string) {
  const env = environment();
  for (const key of ["A", "C", "B"] as const) {
    await page.goto(`${env.workspace}/targets/${targets[key]!.id}`);
    await planOnTargetPage(page, { day, start: slots[key][0], end: slots[key][1], employee });
    await expect(page.getByRole("status")).toContainText("Appointment planned.");
  }
}

/** Opens the employee's route for a day with the page's own picker. */
async function openRoute(page: Page, day: string) {
  const env = environment();
  await page.goto(`${env.workspace}/routes?day=${day}`);
  await page.getByLabel("Employee").selectOption({ label: employee });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/employee=[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(employee);
  const totals = page.getByLabel("Day totals");
  await expect(totals.getByRole("definition").first()).toHaveText("3");
}

const stopList = (page: Page) => page.getByRole("list", { name: "Stops in driving order" });

/** The stops' titles in the order shown, as A/B/C. */
async function expectOrder(page: Page, order: string) {
  await expect(stopList(page).getByRole("link")).toHaveText(
    [...order].map((key) => new RegExp(`— ${targets[key]!.title}$`)),
  );
}

function stop(page: Page, key: string): Locator {
  return stopList(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: new RegExp(targets[key]!.title) }) });
}

test.describe("a dispatcher orders an employee's route", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(90_000);
    await createStops(browser);
  });

  test("moves a stop down, saves, and optimises the order", async ({ context, page }, testInfo) => {
    await signInAs(context, "workspace", "dispatcher@demo.example");
    await planDay(page, scriptDay);
    await openRoute(page, scriptDay);
    await expectOrder(page, "ACB");

    // With JavaScript a move is local until "Save order". Before the page is hydrated the button
    // is the no-JavaScript form, which saves the move at once: wait for the scripts.
    await hydrated(page);
    await stop(page, "A")
      .getByRole("button", { name: /^Move down/ })
      .click();
    await expect(page.getByText("Order changed, not saved yet.")).toBeVisible();
    await expectOrder(page, "CAB");
    await page.getByRole("button", { name: "Save order" }).click();
    await expect(page.getByRole("status")).toContainText(/^Order saved\. Travel \d+/);
    // The new order moved agreed times, and the notice says which: C now starts the day.
    await expect(page.getByRole("status")).toContainText(/\d visits got new times/);
    await expect(page.getByRole("status").getByRole("listitem")).toContainText([
      `“${targets.C!.title}”: 09:30 → 08:00`,
    ]);
    await expect(page.getByText("Order changed, not saved yet.")).toHaveCount(0);
    await expectOrder(page, "CAB");

    await page.reload();
    await expectOrder(page, "CAB");
    // The flexible visits took the times of the new order: C now comes first in the morning.
    await expect(stop(page, "C")).toContainText(/Stop 1, 08:00/);

    await page.getByRole("button", { name: "Optimise order" }).click();
    const notice = page.getByRole("status");
    await expect(notice).toContainText(/^Order optimised\. Travel \d+ → \d+ min/);
    const [, before, after] = /Travel (\d+) → (\d+) min/.exec((await notice.textContent()) ?? "") ?? [];
    expect(Number(after)).toBeLessThan(Number(before));
    // Optimising never moves a time silently: B, now in the middle, starts earlier, and says so.
    await expect(notice).toContainText(/\d visits? got (a )?new times?/);
    await expect(notice.getByRole("listitem").filter({ hasText: targets.B!.title })).toContainText(
      /: \d\d:\d\d → \d\d:\d\d$/,
    );
    await screenshot(page, testInfo, "routes-optimise-notice");
    // B, the middle site, is in the middle now: no doubling back.
    await expect(stopList(page).getByRole("link").nth(1)).toHaveText(new RegExp(targets.B!.title));

    await page.reload();
    await expect(stopList(page).getByRole("link").nth(1)).toHaveText(new RegExp(targets.B!.title));
    await expect(page.getByText(/^Order optimised at \d\d:\d\d\./)).toBeVisible();
    await screenshot(page, testInfo, "routes-optimised");
  });

  test("moves a stop down without JavaScript", async ({ browser }, testInfo) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const consoleErrors = watchConsole(context);
    await signInAs(context, "workspace", "dispatcher@demo.example");
    const page = await context.newPage();
    await planDay(page, plainDay);
    await openRoute(page, plainDay);
    await expectOrder(page, "ACB");
    // No drag handles without JavaScript: the buttons are plain forms.
    await expect(page.getByRole("button", { name: /^Drag / })).toHaveCount(0);

    await stop(page, "A")
      .getByRole("button", { name: /^Move down/ })
      .click();
    await expect(page.getByRole("status")).toContainText(`${customerName} moved down.`);
    await expectOrder(page, "CAB");

    // The page on screen answers a POST: load its address afresh rather than re-posting it.
    await page.goto(page.url());
    await expectOrder(page, "CAB");
    await stop(page, "B")
      .getByRole("button", { name: /^Move up/ })
      .click();
    await expect(page.getByRole("status")).toContainText(`${customerName} moved up.`);
    await expectOrder(page, "CBA");
    await page.goto(page.url());
    await expectOrder(page, "CBA");
    await screenshot(page, testInfo, "routes-without-javascript");
    expect(consoleErrors.unexpected()).toEqual([]);
    await context.close();
  });
});
