import { environment } from "../environment";
import { expect, test } from "./support";

test.describe("signing in and out", () => {
  test("a staff member signs in to the workspace and out again", async ({ consoleErrors, page }) => {
    const env = environment();
    // The wrong password is a 401 answer, which the browser reports as a failed resource.
    consoleErrors.allow(/status of 401 \(Unauthorized\)/);
    await page.goto(`${env.workspace}/`);
    await expect(page).toHaveURL(/\/login/);

    await page.getByLabel("Email address").fill("admin@demo.example");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("not correct");
    await expect(page.getByLabel("Email address")).toHaveValue("admin@demo.example");

    await page.getByLabel("Password").fill(env.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto(`${env.workspace}/`);
    await expect(page).toHaveURL(/\/login/);
  });

  test("a customer contact signs in to the portal and out again", async ({ page }) => {
    const env = environment();
    await page.goto(`${env.portal}/`);
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("Email address").fill("portal@demo.example");
    await page.getByLabel("Password").fill(env.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page).not.toHaveURL(/\/login/);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing in works without JavaScript", async ({ browser }) => {
    const env = environment();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.workspace}/login`);
    await page.getByLabel("Email address").fill("manager@demo.example");
    await page.getByLabel("Password").fill(env.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
    await context.close();
  });
});
