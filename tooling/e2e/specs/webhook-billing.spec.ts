import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { bothSizes, expect, test } from "./support";

// Billing details in webhooks: while the workspace setting is off, the subscription form shows the
// option disabled with why and where to change it; an admin turns the setting on (beside contacts
// in webhooks), and the option can be chosen. The setting is turned off again at the end, as the
// demo has it.

test("billing details in webhooks: the workspace setting and the subscription option", async ({
  page,
}, testInfo) => {
  const env = environment();
  await signInAs(page.context(), "workspace", "admin@demo.example");

  await page.goto(`${env.workspace}/settings/webhooks`);
  const option = page.getByRole("checkbox", { name: /Include billing details/ });
  await expect(option).toBeDisabled();
  await expect(page.getByText(/Billing details are not sent in webhooks/)).toBeVisible();
  await page.getByRole("heading", { name: "Add a webhook" }).scrollIntoViewIfNeeded();
  await bothSizes(page, testInfo, "h1-webhook-form-billing-off");

  await page.goto(`${env.workspace}/settings/workspace`);
  const toggle = page.getByRole("checkbox", { name: "Billing details in webhooks" });
  await expect(page.getByRole("checkbox", { name: "Contact details in webhooks" })).toBeVisible();
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.getByRole("button", { name: /Save/ }).click();
  await expect(page.getByRole("status")).toContainText("billing details in webhooks");
  await toggle.scrollIntoViewIfNeeded();
  await bothSizes(page, testInfo, "h1-settings-billing-toggle");

  try {
    await page.goto(`${env.workspace}/settings/webhooks`);
    await expect(option).toBeEnabled();
    await option.check();
    await page.getByRole("heading", { name: "Add a webhook" }).scrollIntoViewIfNeeded();
    await bothSizes(page, testInfo, "h1-webhook-form-billing-on");
  } finally {
    await page.goto(`${env.workspace}/settings/workspace`);
    await page.getByRole("checkbox", { name: "Billing details in webhooks" }).uncheck();
    await page.getByRole("button", { name: /Save/ }).click();
    await expect(page.getByRole("status")).toBeVisible();
  }
});
