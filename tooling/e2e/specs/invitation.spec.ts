import { environment } from "../environment";
import { linkFromMail, signInAs } from "../fixtures";
import { expect, test } from "./support";

test("an admin invites a colleague, who accepts through the mailed link", async ({
  browser,
  context,
  page,
}) => {
  const env = environment();
  const email = `new.colleague.${Date.now()}@demo.example`;
  await signInAs(context, "workspace", "admin@demo.example");
  await page.goto(`${env.workspace}/settings/users`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("dispatcher");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(email).first()).toBeVisible();

  // The mail went through the SMTP test server; its link opens the acceptance page.
  const link = await linkFromMail(email, env.workspace);
  const newcomer = await browser.newContext();
  const tab = await newcomer.newPage();
  await tab.goto(link);
  await tab.getByLabel("Your name").fill("Camille Nouvel");
  await tab.getByLabel("Password", { exact: true }).fill("a long new passphrase 2026");
  await tab.getByLabel("Repeat the password").fill("a long new passphrase 2026");
  await tab.getByRole("button", { name: /^Join / }).click();
  await expect(tab.getByRole("heading", { name: /Welcome, Camille/ })).toBeVisible();

  // The link works once.
  await tab.goto(link);
  await expect(tab.getByText(/not valid/i).first()).toBeVisible();
  await newcomer.close();
});
