import type { Browser } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { expect, screenshot, test, uniqueSuffix, watchConsole } from "./support";

// Where people land and what they look back at: Today per role, a customer's history (filter and
// older pages, without JavaScript too), and the audit log for admins.

async function signedIn(browser: Browser, email: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: "en-GB" });
  const watch = watchConsole(context);
  await signInAs(context, "workspace", email);
  return { context, page: await context.newPage(), watch };
}

test.describe("today, history and audit", () => {
  test("each role lands on its own Today", async ({ browser }, testInfo) => {
    const env = environment();
    const expected = {
      admin: { shows: ["Today's board", "Visit reports", "Follow-ups"], hides: ["Your day"] },
      manager: { shows: ["Visit reports", "Follow-ups"], hides: ["Today's board", "Your day"] },
      dispatcher: { shows: ["Today's board", "Follow-ups"], hides: ["Visit reports", "Your day"] },
      employee: { shows: ["Your day"], hides: ["Today's board", "Visit reports", "Follow-ups"] },
    } as const;
    for (const [role, { shows, hides }] of Object.entries(expected)) {
      const phone = role === "employee";
      const { context, page, watch } = await signedIn(
        browser,
        `${role}@demo.example`,
        phone ? { width: 390, height: 844 } : undefined,
      );
      await page.goto(`${env.workspace}/`);
      await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
      for (const name of shows) await expect(page.getByRole("region", { name, exact: true })).toBeVisible();
      for (const name of hides) await expect(page.getByRole("region", { name, exact: true })).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Change your password" })).toBeVisible();
      if (phone) {
        // One thumb: nothing wider than the phone.
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(390);
      }
      await screenshot(page, testInfo, `today-${role}`);
      expect(watch.unexpected()).toEqual([]);
      await context.close();
    }
  });

  test("a manager reads a customer's history, filters it and pages back", async ({ browser }, testInfo) => {
    const env = environment();
    const { context, page, watch } = await signedIn(browser, "manager@demo.example");
    await page.goto(`${env.workspace}/customers?q=${encodeURIComponent("Gérance")}`);
    await page.getByRole("link", { name: "Gérance Saône & Rhône" }).first().click();
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("listitem").first()).toBeVisible();
    // Managers may read notes, so the filter offers them.
    await expect(history.getByLabel("What").locator("option", { hasText: "Internal notes" })).toHaveCount(1);
    await screenshot(page, testInfo, "history-manager", history);

    await history.getByRole("link", { name: /Show older/ }).click();
    await expect(page).toHaveURL(/older=/);
    await expect(history.getByRole("listitem").first()).toBeVisible();
    await expect(history.getByRole("link", { name: "Newest" })).toBeVisible();

    await history.getByLabel("What").selectOption({ label: "Visits" });
    await history.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/kind=visits/);
    await expect(page).not.toHaveURL(/older=/);
    const entries = history.getByRole("listitem");
    await expect(entries.first()).toBeVisible();
    // Retried until the filtered page is on screen: the address can change a moment before the list.
    // Each entry's kind line (not its titles or excerpt, which may say anything) names a visit step.
    const visitWords = /Appointment|Visit could not|Route stop|Problem|recurring visit/i;
    await expect(history.locator(".history-what > strong").filter({ hasNotText: visitWords })).toHaveCount(0);
    await screenshot(page, testInfo, "history-visits", history);
    expect(watch.unexpected()).toEqual([]);
    await context.close();
  });

  test("dispatchers get no notes in the history, whose filter works without JavaScript", async ({
    browser,
  }) => {
    const env = environment();
    // A note written in this run, on the manager's first page of history: its absence from the
    // dispatcher's below says something.
    const note = `Keys are with the caretaker ${uniqueSuffix()}`;
    const manager = await signedIn(browser, "manager@demo.example");
    await manager.page.goto(`${env.workspace}/customers?q=${encodeURIComponent("Gérance")}`);
    await manager.page.getByRole("link", { name: "Gérance Saône & Rhône" }).first().click();
    // The click starts a navigation; the customer's address is known once it has landed.
    await manager.page.waitForURL(/\/customers\/[^/?#]+$/);
    const customerPage = manager.page.url().split(/[?#]/)[0]!;
    const noteForm = manager.page.getByRole("form", { name: "Add an internal note" });
    await noteForm.getByLabel("New note").fill(note);
    await noteForm.getByRole("button", { name: "Add note" }).click();
    const written = manager.page
      .getByRole("region", { name: "History" })
      .getByRole("listitem")
      .filter({ hasText: "Internal note added" })
      .filter({ hasText: note });
    await expect(written).toHaveCount(1);
    expect(manager.watch.unexpected()).toEqual([]);
    await manager.context.close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    await signInAs(context, "workspace", "dispatcher@demo.example");
    const page = await context.newPage();
    await page.goto(customerPage);
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("listitem").first()).toBeVisible();
    await expect(history.getByLabel("What").locator("option", { hasText: "Internal notes" })).toHaveCount(0);
    await expect(history.getByRole("listitem").filter({ hasText: "Internal note added" })).toHaveCount(0);
    await expect(history.getByText(note)).toHaveCount(0);
    await history.getByLabel("From", { exact: true }).fill("2000-01-01");
    await history.getByLabel("To", { exact: true }).fill("2000-01-31");
    await history.getByRole("button", { name: "Apply" }).click();
    await expect(history).toContainText("Nothing in the history matches this filter.");
    await history.getByRole("link", { name: "Clear" }).click();
    await expect(history.getByRole("listitem").first()).toBeVisible();
    await context.close();
  });

  test("an admin browses the audit log", async ({ browser }, testInfo) => {
    const env = environment();
    const { context, page, watch } = await signedIn(browser, "admin@demo.example");
    await page.goto(`${env.workspace}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const table = page.getByRole("table", { name: "Audit entries" });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await screenshot(page, testInfo, "audit");
    await page.getByLabel("Object").selectOption({ label: "Workspace" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/object=tenant/);
    // Retried until the filtered page is on screen.
    const objects = table.locator("td[data-label='Object']");
    await expect(objects.first()).toContainText("Workspace");
    await expect(objects.filter({ hasNotText: /^\s*Workspace/ })).toHaveCount(0);
    await screenshot(page, testInfo, "audit-workspace");
    expect(watch.unexpected()).toEqual([]);
    await context.close();
  });
});
