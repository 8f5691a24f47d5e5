import { environment } from "../environment";
import { linkFromMail, signInAs } from "../fixtures";
import { expect, screenshot, test, uniqueSuffix } from "./support";

// Issue 11, portal access: a tenant admin invites a customer's contact person from the customer
// page (selected locations, a French email); the mail goes through the SMTP test server; the
// contact opens the link, which shows the invitation in French, chooses a name and a password and
// is signed in to the portal; the customer page then lists them with their access.

test("an admin invites a contact person to the portal, who accepts in French and is signed in", async ({
  browser,
  context,
  page,
}, testInfo) => {
  const env = environment();
  const suffix = uniqueSuffix();
  const email = `camille.${suffix}@mutuelle.example`;
  await signInAs(context, "workspace", "admin@demo.example");

  await page.goto(`${env.workspace}/customers?q=Caisse`);
  await page.getByRole("link", { name: "Caisse Mutuelle Rhodanienne" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Caisse Mutuelle Rhodanienne" })).toBeVisible();
  const customerUrl = page.url().split("?")[0]!.split("#")[0]!;

  // A contact person with an email address to invite.
  await page.goto(`${customerUrl}/contacts/new`);
  await page.getByLabel("Name").fill(`Camille Portail ${suffix}`);
  await page.getByLabel("Email (optional)").fill(email);
  await page.getByRole("button", { name: "Add contact person" }).click();

  const panel = page.getByRole("region", { name: "Customer portal" });
  await expect(panel).toBeVisible();
  await panel.getByRole("link", { name: "Invite a contact person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invite a contact person" })).toBeVisible();
  await page.getByLabel("Contact person").selectOption({ label: `Camille Portail ${suffix} — ${email}` });
  await page.getByLabel("Selected locations").check();
  const firstLocation = page.locator('input[name="locationIds"]').first();
  await firstLocation.check();
  const locationName = ((await firstLocation.locator("xpath=..").textContent()) ?? "").trim();
  await page.getByLabel("Français").check();
  await screenshot(page, testInfo, "h1-invite-form-desktop");
  await page.getByRole("button", { name: "Send invitation" }).click();

  await expect(page.getByRole("status")).toContainText("The invitation is on its way");
  const invitation = panel.getByRole("list", { name: "Portal invitations" }).getByRole("listitem").first();
  await expect(invitation).toContainText(email);
  await expect(invitation).toContainText("Pending");
  await expect(invitation).toContainText(locationName);

  // The French mail through the SMTP server carries the link.
  const link = await linkFromMail(email, env.portal);
  const contact = await browser.newContext({ locale: "en-GB" });
  const tab = await contact.newPage();
  await tab.goto(link);
  // The page opens in the invitation's language.
  await expect(tab.getByRole("heading", { name: /Rejoignez le portail client/ })).toBeVisible();
  await expect(tab.getByText(locationName)).toBeVisible();
  await tab.getByLabel("Votre nom").fill(`Camille ${suffix}`);
  await tab.getByLabel("Mot de passe", { exact: true }).fill("une longue phrase secrète 2026");
  await tab.getByLabel("Répétez le mot de passe").fill("une longue phrase secrète 2026");
  await tab.getByRole("button", { name: "Créer mon compte" }).click();
  // Signed in to the portal, in French, on the invited customer.
  await expect(tab.getByText(`Camille ${suffix}`).first()).toBeVisible();
  await expect(tab.getByRole("navigation", { name: "Portail" })).toBeVisible();
  await expect(tab.getByText("Caisse Mutuelle Rhodanienne").first()).toBeVisible();

  // The link works once.
  await tab.goto(link);
  await expect(tab.getByRole("heading", { name: "Cette invitation a déjà été utilisée" })).toBeVisible();
  await contact.close();

  // The customer page lists the new portal user with what they see.
  await page.goto(`${customerUrl}#portal`);
  const people = panel.getByRole("list", { name: "People with portal access" });
  await expect(people.getByRole("listitem").filter({ hasText: email })).toContainText(locationName);
  await expect(invitation).toContainText("Accepted");
});
