import type { Page } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import {
  addDays,
  boardCard,
  boardCell,
  boardRow,
  expect,
  hydrated,
  idFromUrl,
  planOnTargetPage,
  screenshot,
  test,
  uniqueSuffix,
} from "./support";

// A day far from the seeded schedule (the demo plans around today), for one employee.
const day = "2027-09-14";
const employee = "Inès Faure";
const customer = "Cabinet Dentaire Foch";

/** Creates a target for the seeded customer at its only location; returns its id. */
async function createTarget(page: Page, title: string): Promise<string> {
  const env = environment();
  await page.goto(`${env.workspace}/targets/new`);
  const find = page.getByRole("search", { name: "Find a customer" });
  await find.getByLabel("Find a customer").fill("Cabinet Dentaire");
  await find.getByRole("button", { name: "Search" }).click();
  // The options read "Cabinet Dentaire Foch (C-1007) · Lyon"; choosing one shows the form.
  const pick = page.getByLabel("Customers matching “Cabinet Dentaire”");
  const option = pick.getByRole("option", { name: new RegExp(`^${customer} `) });
  await pick.selectOption((await option.getAttribute("value"))!);
  await expect(page.getByText(`For ${customer}`)).toBeVisible();
  const form = page.getByRole("form", { name: "2. The work" });
  // The customer's only location is chosen already.
  await expect(form.getByLabel("Location")).toHaveValue(/[0-9a-f-]{36}/);
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Priority").selectOption({ label: "High" });
  await form.getByRole("button", { name: "Create target" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Target created.");
  return idFromUrl(page, "/targets");
}

test("a dispatcher plans work into an appointment, sees it on the board, and double-books knowingly", async ({
  context,
  page,
}, testInfo) => {
  const env = environment();
  const suffix = uniqueSuffix();
  const first = `Autoclave service ${suffix}`;
  const second = `Chair hydraulics ${suffix}`;
  await signInAs(context, "workspace", "dispatcher@demo.example");

  // 1. The target, and its appointment.
  const firstId = await createTarget(page, first);
  await expect(page.getByText(/^A visit of about/)).toContainText("at Cabinet dentaire");
  await planOnTargetPage(page, { day, start: "10:00", end: "11:00", employee });
  await expect(page.getByRole("status")).toContainText("Appointment planned.");
  await expect(page.getByRole("status")).not.toContainText("overlaps");
  const appointments = page.getByRole("table", { name: "Appointments of this target" });
  await expect(appointments.getByRole("row").filter({ hasText: employee })).toContainText(/14 Sept? 2027/);
  await expect(appointments).toContainText("10:00–11:00");
  await expect(page.getByText("Planned", { exact: true }).first()).toBeVisible();

  // 2. On the board, in that employee's row, on that day.
  await page.goto(`${env.workspace}/board?day=${day}&span=week`);
  await expect(page.getByRole("heading", { level: 1, name: "Dispatch board" })).toBeVisible();
  const cell = await boardCell(page, employee, day);
  const card = boardCard(cell, first);
  await expect(card).toHaveCount(1);
  await expect(card).toBeVisible();
  await expect(card).toContainText("10:00–11:00");
  await expect(card).toContainText(customer);
  await expect(boardRow(page, employee).getByRole("rowheader")).toContainText("1 visit");

  // 3. A second appointment for the same person at an overlapping time is refused at first …
  const secondId = await createTarget(page, second);
  expect(secondId).not.toBe(firstId);
  await planOnTargetPage(page, { day, start: "10:30", end: "11:30", employee });
  const conflict = page.getByRole("region", { name: /already busy then/ });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole("link", { name: new RegExp(`Overlaps with “${first}”`) })).toContainText(
    "10:00–11:00",
  );
  await expect(conflict).toContainText("Nothing has been saved.");
  await expect(page.getByRole("table", { name: "Appointments of this target" })).toHaveCount(0);
  await screenshot(page, testInfo, "planning-conflict");

  // … and saved when the dispatcher plans anyway.
  await conflict.getByRole("button", { name: "Plan anyway" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Appointment planned. It overlaps with other work of the employee.",
  );
  await expect(page.getByRole("table", { name: "Appointments of this target" })).toContainText("10:30–11:30");

  await page.goto(`${env.workspace}/board?day=${day}&span=week`);
  const both = await boardCell(page, employee, day);
  await expect(boardCard(both, first)).toContainText("10:00–11:00");
  await expect(boardCard(both, second)).toContainText("10:30–11:30");
  await expect(boardRow(page, employee).getByRole("rowheader")).toContainText("2 visits");
  await screenshot(page, testInfo, "planning-board", boardCard(both, second));
});

test("a dispatcher drags a visit to another day, undoes it, and moves it with the Move… form", async ({
  context,
  page,
}, testInfo) => {
  const env = environment();
  const title = `Filter change ${uniqueSuffix()}`;
  const monday = "2027-10-11";
  const tuesday = addDays(monday, 1);
  const wednesday = addDays(monday, 2);
  await signInAs(context, "workspace", "dispatcher@demo.example");
  await createTarget(page, title);
  await planOnTargetPage(page, { day: tuesday, start: "09:00", end: "10:00", employee });
  await expect(page.getByRole("status")).toContainText("Appointment planned.");

  await page.goto(`${env.workspace}/board?day=${monday}&span=week`);
  await hydrated(page);
  const card = boardCard(await boardCell(page, employee, tuesday), title);
  await expect(card).toContainText("09:00–10:00");

  // Dragged to Wednesday: it shows there at once, and the notice offers to undo.
  await card.dragTo(await boardCell(page, employee, wednesday));
  const toast = page.locator(".board-live").getByRole("status");
  await expect(toast).toContainText(`“${title}” moved to Wed 13 Oct, 09:00 for ${employee}.`);
  await expect(boardCard(await boardCell(page, employee, wednesday), title)).toContainText("09:00–10:00");
  await expect(boardCard(await boardCell(page, employee, tuesday), title)).toHaveCount(0);
  await screenshot(page, testInfo, "board-moved", toast);

  // Undo puts it back where it was.
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toContainText(`“${title}” is back at Tue 12 Oct, 09:00 for ${employee}.`);
  await expect(boardCard(await boardCell(page, employee, tuesday), title)).toContainText("09:00–10:00");
  await expect(boardCard(await boardCell(page, employee, wednesday), title)).toHaveCount(0);
  // And the server agrees: a fresh page shows it on Tuesday.
  await page.reload();
  await expect(boardCard(await boardCell(page, employee, tuesday), title)).toContainText("09:00–10:00");

  // The keyboard way: the card's "Move…" form, here with JavaScript (the panel closes when saved).
  await hydrated(page);
  await boardCard(await boardCell(page, employee, tuesday), title)
    .getByRole("link", { name: `Move… ${title} at ${customer}` })
    .click();
  const panel = page.getByRole("region", { name: `Move “${title}”` });
  await expect(panel).toBeVisible();
  await panel.getByLabel("Start").fill("13:30");
  await expect(panel.getByLabel("End")).toHaveValue("14:30");
  await panel.getByRole("button", { name: "Move appointment" }).click();
  await expect(panel).toHaveCount(0);
  await expect(toast).toContainText(`“${title}” moved to Tue 12 Oct, 13:30 for ${employee}.`);
  await expect(boardCard(await boardCell(page, employee, tuesday), title)).toContainText("13:30–14:30");

  // The backlog filter narrows the list as you type.
  const backlog = page.getByRole("complementary", { name: /Backlog/ });
  await backlog.getByLabel("Filter by title, customer or city").fill("no such work anywhere");
  await expect(backlog).toContainText("No open work matches “no such work anywhere”.");
  await backlog.getByLabel("Filter by title, customer or city").fill("");
  await expect(backlog.getByRole("list", { name: "Open work, most urgent first" })).toBeVisible();

  // It draws the twelve most urgent items, and twelve more on request (the demo has more).
  const items = backlog.getByRole("list", { name: "Open work, most urgent first" }).getByRole("listitem");
  await expect(items).toHaveCount(12);
  await backlog.getByRole("link", { name: "Show 12 more" }).click();
  await expect(items).toHaveCount(24);
  await expect(page).not.toHaveURL(/backlog=all/);
});

test("without JavaScript, the Move… form moves a visit and the notice's Undo moves it back", async ({
  browser,
  context,
  page,
}) => {
  const env = environment();
  const title = `Gutter check ${uniqueSuffix()}`;
  const day = "2027-10-19";
  await signInAs(context, "workspace", "dispatcher@demo.example");
  await createTarget(page, title);
  await planOnTargetPage(page, { day, start: "08:00", end: "09:00", employee });
  await expect(page.getByRole("status")).toContainText("Appointment planned.");

  const plain = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  const board = await plain.newPage();
  await signInAs(plain, "workspace", "dispatcher@demo.example");
  await board.goto(`${env.workspace}/board?day=${day}&span=week`);
  await boardCard(await boardCell(board, employee, day), title)
    .getByRole("link", { name: `Move… ${title} at ${customer}` })
    .click();
  const panel = board.getByRole("region", { name: `Move “${title}”` });
  await panel.getByLabel("Start").fill("15:00");
  await panel.getByLabel("End").fill("16:00");
  await panel.getByRole("button", { name: "Move appointment" }).click();
  await expect(board.getByRole("status")).toContainText("Appointment moved.");
  await expect(boardCard(await boardCell(board, employee, day), title)).toContainText("15:00–16:00");

  await board.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(board.getByRole("status")).toContainText("Appointment moved back.");
  await expect(boardCard(await boardCell(board, employee, day), title)).toContainText("08:00–09:00");

  // Without JavaScript, "Show more" is a link to the board with the whole backlog.
  const items = board.getByRole("list", { name: "Open work, most urgent first" }).getByRole("listitem");
  await expect(items).toHaveCount(12);
  await board.getByRole("link", { name: "Show 12 more" }).click();
  await expect(board).toHaveURL(/backlog=all/);
  expect(await items.count()).toBeGreaterThan(24);
  await plain.close();
});

test("on a phone the board scrolls inside itself and the page stays as wide as the screen", async ({
  context,
  page,
}, testInfo) => {
  const env = environment();
  await signInAs(context, "workspace", "dispatcher@demo.example");
  await page.setViewportSize({ width: 390, height: 844 });
  for (const span of ["week", "day"]) {
    await page.goto(`${env.workspace}/board?span=${span}`);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "Dispatch board" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  await page.goto(`${env.workspace}/board?span=week`);
  const box = page.locator(".board-scroll");
  const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(sizes.scroll, "the week is wider than the screen and scrolls in its box").toBeGreaterThan(
    sizes.client,
  );
  await screenshot(page, testInfo, "board-phone");
});
