import { mkdirSync, writeFileSync } from "node:fs";
import type { Page, TestInfo } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { expect, portalSizes, screenshot, test } from "./support";

// An admin sets a retention rule, shortens it (a confirmation first), places a customer on legal
// hold, opens the erase confirmation of a contact person (and cancels), and downloads the
// customer's export. Shots at desktop and phone size.

async function shots(page: Page, testInfo: TestInfo, name: string) {
  mkdirSync("/tmp/shots", { recursive: true });
  for (const [size, viewport] of Object.entries(portalSizes)) {
    await page.setViewportSize(viewport);
    await screenshot(page, testInfo, `${name}-${size}`);
    writeFileSync(`/tmp/shots/h4-${name}-${viewport.width}.png`, await page.screenshot({ fullPage: true }));
  }
  await page.setViewportSize(portalSizes.desk);
}

test("an admin manages retention, a legal hold, an erasure's confirmation and an export", async ({
  page,
  consoleErrors,
}, testInfo) => {
  // The out-of-range days are refused with a 400, as every refused form is.
  consoleErrors.allow(/status of 400/);
  const env = environment();
  await signInAs(page.context(), "workspace", "admin@demo.example");
  await page.setViewportSize(portalSizes.desk);
  await page.goto(`${env.workspace}/settings/retention`);
  await expect(page.getByRole("heading", { level: 1, name: "Data retention" })).toBeVisible();

  const reports = page.getByRole("form", { name: "Visit reports" });
  await reports.getByLabel("Keep for (days)").fill("730");
  await reports.getByLabel("Delete older records automatically").check();
  await reports.getByRole("button", { name: "Save visit reports" }).click();
  await expect(page.getByText("Saved: Visit reports.")).toBeVisible();

  // Out of range: the field says so.
  const audit = page.getByRole("form", { name: "Audit log" });
  // The browser's own check (min=30) would stop the form first; the server's answer is what we test.
  await audit.evaluate((form) => form.setAttribute("novalidate", ""));
  await audit.getByLabel("Keep for (days)").fill("5");
  await audit.getByRole("button", { name: "Save audit log" }).click();
  await expect(page.getByRole("form", { name: "Audit log" }).getByText(/at least 30 days/)).toBeVisible();

  await page.getByRole("form", { name: "Visit reports" }).getByLabel("Keep for (days)").fill("400");
  await page
    .getByRole("form", { name: "Visit reports" })
    .getByRole("button", { name: "Save visit reports" })
    .click();
  await expect(page.getByRole("heading", { name: /Shorten the period for visit reports\?/ })).toBeVisible();
  await shots(page, testInfo, "retention-settings-confirm");
  await page.getByRole("button", { name: "Shorten to 400 days" }).click();
  await expect(page.getByText("Saved: Visit reports.")).toBeVisible();
  await shots(page, testInfo, "retention-settings");

  // A customer: legal hold, the erase confirmation, the export.
  await page.goto(`${env.workspace}/customers`);
  await page.getByRole("table").getByRole("link").first().click();
  const panel = page.locator("#data-protection");
  await expect(panel.getByRole("heading", { name: "Data protection" })).toBeVisible();
  await panel.getByRole("button", { name: "Place on legal hold" }).click();
  await expect(page.getByText(/The customer is on legal hold/)).toBeVisible();
  await expect(page.locator("#data-protection").getByText("On hold")).toBeVisible();
  await page.locator("#data-protection").scrollIntoViewIfNeeded();
  for (const [size, viewport] of Object.entries(portalSizes)) {
    await page.setViewportSize(viewport);
    await page.locator("#data-protection").scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, `legal-hold-${size}`, page.locator("#data-protection"));
    mkdirSync("/tmp/shots", { recursive: true });
    writeFileSync(
      `/tmp/shots/h4-legal-hold-${viewport.width}.png`,
      await page.locator("#data-protection").screenshot(),
    );
  }
  await page.setViewportSize(portalSizes.desk);

  const customerUrl = new URL(page.url()).pathname;
  const exported = await page.request.get(`${env.workspace}${customerUrl}/export`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toBe("application/zip");
  expect(exported.headers()["content-disposition"]).toMatch(/^attachment; filename="customer-/);
  expect((await exported.body()).subarray(0, 2).toString()).toBe("PK");

  await page
    .locator("#data-protection")
    .getByRole("link", { name: /^Erase / })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: /^Erase .+\?$/ })).toBeVisible();
  await expect(page.getByText(/This cannot be undone/)).toBeVisible();
  for (const [size, viewport] of Object.entries(portalSizes)) {
    await page.setViewportSize(viewport);
    await screenshot(page, testInfo, `erase-confirm-${size}`, page.locator("#confirm"));
    writeFileSync(`/tmp/shots/h4-erase-confirm-${viewport.width}.png`, await page.screenshot());
  }
  await page.setViewportSize(portalSizes.desk);
  await page.locator("#confirm").getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: /^Erase .+\?$/ })).toHaveCount(0);

  await page.locator("#data-protection").getByRole("button", { name: "Lift legal hold" }).click();
  await expect(page.getByText(/The legal hold is lifted/)).toBeVisible();
});
