import type { Page } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import {
  boardCard,
  boardCell,
  boardRow,
  expect,
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
