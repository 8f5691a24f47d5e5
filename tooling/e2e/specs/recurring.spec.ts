import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { addDays, boardCard, boardCell, expect, screenshot, test, uniqueSuffix } from "./support";

const customer = "Association Entraide Croix-Rousse";
const location = "Local associatif";
const assignee = "Léa Chevalier";
const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "Thu 26 Nov 2026", as the preview writes a day. */
const previewDay = (day: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(new Date(`${day}T12:00:00Z`));

/** The first Thursday on or after a day. */
function firstThursday(from: string): string {
  let day = from;
  while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 4) day = addDays(day, 1);
  return day;
}

test("a dispatcher sets up a recurring visit whose appointments appear on the board", async ({
  context,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const env = environment();
  const title = `Weekly hygiene check ${uniqueSuffix()}`;
  await signInAs(context, "workspace", "dispatcher@demo.example");

  // From the location's page.
  await page.goto(`${env.workspace}/customers`);
  const search = page.getByRole("search", { name: "Customers" });
  await search.getByLabel("Search").fill("Association Entraide");
  await search.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: customer }).click();
  await page.getByRole("region", { name: "Locations" }).getByRole("link", { name: location }).click();
  await expect(page.getByRole("heading", { level: 1, name: location })).toBeVisible();
  await page.getByRole("link", { name: "New recurring visit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New recurring visit" })).toBeVisible();
  await expect(page.getByRole("region", { name: "1. Customer and location" })).toContainText(location);

  // Every Thursday at 13:30 for 45 minutes, from tomorrow on, for one employee, three weeks ahead.
  const today = await page.getByLabel("Starts on").inputValue();
  const startsOn = addDays(today, 1);
  const first = firstThursday(startsOn);
  await page.getByLabel("Title").fill(title);
  await expect(page.getByLabel("How often")).toHaveValue("weekly");
  await page.getByRole("checkbox", { name: "Thursday", exact: true }).check();
  for (const day of weekdays.filter((d) => d !== "Thursday")) {
    await page.getByRole("checkbox", { name: day, exact: true }).uncheck();
  }
  await page.getByLabel("Starts on").fill(startsOn);
  await page.getByLabel("Start time").fill("13:30");
  await page.getByLabel("Duration (minutes)").fill("45");
  await page.getByLabel("Default assignee").selectOption({ label: assignee });
  await page.getByLabel("Planning horizon (days)").fill("21");
  await expect(page.getByLabel("Advanced: RRULE text")).toHaveValue(/FREQ=WEEKLY.*BYDAY=TH/);

  // The preview follows the form: the next visits are Thursdays, 13:30–14:15, the first one first.
  const preview = page.getByRole("complementary", { name: "Next visits" });
  const visits = preview.getByRole("listitem");
  await expect(visits.first()).toContainText(previewDay(first));
  await expect(visits.first()).toContainText("13:30–14:15");
  await expect(visits.nth(1)).toContainText(previewDay(addDays(first, 7)));
  expect(await visits.count()).toBeGreaterThanOrEqual(3);
  for (const text of await visits.allTextContents()) expect(text).toMatch(/^Thu\b.*13:30–14:15$/);
  await screenshot(page, testInfo, "recurring-preview");

  await page.getByRole("button", { name: "Save recurring visit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Recurring visit saved." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Plan", exact: true })).toContainText(assignee);

  // The background job creates the appointments; reload until the plan lists them.
  const upcoming = page.getByRole("table", { name: "Upcoming visits of this plan" });
  await expect(async () => {
    await page.reload();
    await expect(upcoming).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
  const rows = upcoming.getByRole("row").filter({ has: page.getByRole("cell") });
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(rows.first().locator("time").first()).toHaveAttribute("datetime", new RegExp(`^${first}T`));
  for (const row of await rows.all()) {
    await expect(row).toContainText("Scheduled");
    await expect(row).toContainText(assignee);
  }

  // On the board, in the assignee's row, on the first Thursday, marked as recurring.
  await page.goto(`${env.workspace}/board?day=${first}&span=week`);
  const cell = await boardCell(page, assignee, first);
  const card = boardCard(cell, title);
  await expect(card).toHaveCount(1);
  await expect(card).toBeVisible();
  await expect(card).toContainText("13:30–14:15");
  await expect(card).toContainText(customer);
  await expect(card.getByRole("link", { name: /Recurring visit\./ })).toHaveAttribute(
    "href",
    /^\/appointments\//,
  );
  await screenshot(page, testInfo, "recurring-board", card);
});
