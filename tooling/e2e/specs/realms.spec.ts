import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { expect, test } from "./support";

// Both apps run on 127.0.0.1, so the browser sends each app's cookie to the other as well
// (cookies do not isolate ports). Each app must ignore the other realm's session.
test.describe("two realms of sign-in", () => {
  test("a workspace session does not open the portal", async ({ context, page }) => {
    const env = environment();
    await signInAs(context, "workspace", "admin@demo.example");
    await page.goto(`${env.workspace}/`);
    await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
    await page.goto(`${env.portal}/`);
    await expect(page).toHaveURL(/\/login/);
  });

  test("a portal session does not open the workspace", async ({ context, page }) => {
    const env = environment();
    await signInAs(context, "portal", "portal@demo.example");
    await page.goto(`${env.portal}/`);
    await expect(page).not.toHaveURL(/\/login/);
    await page.goto(`${env.workspace}/`);
    await expect(page).toHaveURL(/\/login/);
  });
});
