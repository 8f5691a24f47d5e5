import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { expect, hydrated, idFromUrl, screenshot, test, uniqueSuffix } from "./support";

const adminLinks = ["Users & roles", "API keys", "Sign-in activity", "Workspace settings"];

test.describe("customer records", () => {
  test("an admin creates a customer with a location and a contact person, and finds it", async ({
    context,
    page,
    consoleErrors,
  }, testInfo) => {
    const env = environment();
    const suffix = uniqueSuffix();
    const name = `Zephyr Laverie ${suffix}`;
    await signInAs(context, "workspace", "admin@demo.example");

    // The admin's navigation has the administration pages (the employee's, below, must not).
    await page.goto(`${env.workspace}/customers`);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of adminLinks) await expect(nav.getByRole("link", { name: label })).toBeVisible();

    await page.getByRole("link", { name: "New customer" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "New customer" })).toBeVisible();
    const form = page.getByRole("form", { name: "New customer" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Industry (optional)").fill("Laundry");
    await form.getByLabel("Phone (optional)").fill("04 72 00 11 22");
    // The browser accepts "info@localhost" as an address; the server's rule does not.
    await form.getByLabel("Email (optional)").fill("info@localhost");
    // The refusal is a 400 answer, which the browser reports as a failed resource.
    consoleErrors.allow(/status of 400 \(Bad Request\)/);
    await form.getByRole("button", { name: "Create customer" }).click();

    const email = page.getByLabel("Email (optional)");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(/valid email address/);
    await expect(page.locator("#field-email-error")).toHaveText(/Enter a valid email address/);
    await expect(page.getByRole("alert")).toBeVisible();
    // What was typed is kept, and nothing was created.
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    await expect(page).toHaveURL(/\/customers\/new/);

    await email.fill(`info.${suffix}@laverie-zephyr.example`);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("The customer is created.");
    const customerId = idFromUrl(page, "/customers");

    // A location with coordinates.
    await page.getByRole("link", { name: "Add location" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New location" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(`Atelier ${suffix}`);
    await page.getByLabel("Street address").fill("12 Rue Garibaldi");
    await page.getByLabel("Postal code (optional)").fill("69003");
    await page.getByLabel("City").fill("Lyon");
    await page.getByLabel("Country").fill("FR");
    await page.getByLabel("Latitude").fill("45.7601");
    await page.getByLabel("Longitude").fill("4.8515");
    await page.getByRole("button", { name: "Add location" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Atelier ${suffix}` })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("The location is added.");
    const address = page.getByRole("region", { name: "Address" });
    await expect(address).toContainText("12 Rue Garibaldi");
    await expect(address).toContainText("69003 Lyon, FR");
    await expect(address).toContainText("45.7601, 4.8515");

    // A contact person for that location.
    await page.goto(`${env.workspace}/customers/${customerId}`);
    await page.getByRole("link", { name: "Add contact person" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New contact person" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(`Margaux Perrin ${suffix}`);
    await page.getByLabel("Role (optional)").fill("Workshop manager");
    await page.getByLabel("Email (optional)").fill(`margaux.${suffix}@laverie-zephyr.example`);
    await page.getByLabel("Mobile (optional)").fill("06 11 22 33 44");
    await page.getByLabel("Location").selectOption({ label: `Atelier ${suffix} (Lyon)` });
    await page.getByLabel("Preferred contact method").selectOption({ label: "Mobile" });
    await page.getByRole("button", { name: "Add contact person" }).click();
    await expect(page.getByRole("status")).toHaveText("The contact person is added.");
    await expect(page.getByRole("region", { name: "Contact persons here" })).toContainText(
      `Margaux Perrin ${suffix}`,
    );

    // The customer page shows all of it.
    await page.goto(`${env.workspace}/customers/${customerId}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const details = page.getByRole("region", { name: "Contact details" });
    await expect(details.getByRole("link", { name: `info.${suffix}@laverie-zephyr.example` })).toBeVisible();
    const locations = page.getByRole("region", { name: "Locations" });
    await expect(locations.getByRole("link", { name: `Atelier ${suffix}`, exact: true })).toBeVisible();
    await expect(locations).toContainText("12 Rue Garibaldi");
    await expect(locations).not.toContainText("Not on the map");
    const contacts = page.getByRole("region", { name: "Contact persons" });
    const card = contacts.getByRole("listitem").filter({ hasText: `Margaux Perrin ${suffix}` });
    await expect(card).toContainText("Workshop manager");
    await expect(card).toContainText(`Atelier ${suffix}`);
    await expect(card).toContainText("06 11 22 33 44");

    // The list's search finds it by the start of its name, and only customers that start so.
    await page.goto(`${env.workspace}/customers`);
    const search = page.getByRole("search", { name: "Customers" });
    await search.getByLabel("Search").fill(`Zephyr Laverie ${suffix.slice(0, 4)}`);
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=Zephyr/);
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.filter({ has: page.getByRole("link", { name }) })).toHaveCount(1);
    await expect(rows).toHaveCount(2); // the header and the one customer
    await screenshot(page, testInfo, "customer-records-search");

    // The refused first attempt created nothing: only one customer has that name.
    await search.getByLabel("Search").fill(name);
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("table").getByRole("link", { name })).toHaveCount(1);
  });

  test("an employee cannot create customers and sees no administration", async ({
    context,
    page,
    consoleErrors,
  }, testInfo) => {
    const env = environment();
    await signInAs(context, "workspace", "employee@demo.example");
    // The browser reports the refused document itself as a failed resource.
    consoleErrors.allow(/status of 403/);

    const response = await page.goto(`${env.workspace}/customers/new`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("form", { name: "New customer" })).toHaveCount(0);

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
    for (const label of adminLinks) await expect(nav.getByRole("link", { name: label })).toHaveCount(0);
    await expect(nav.getByText("Administration")).toHaveCount(0);

    await page.goto(`${env.workspace}/customers`);
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New customer" })).toHaveCount(0);
    // Their list holds the customers of their assigned work (the policy's scope), without the
    // filters on fields they do not receive.
    await expect(page.getByText("The customers of the work assigned to you.")).toBeVisible();
    const search = page.getByRole("search", { name: "Customers" });
    await expect(search.getByLabel("Search")).toBeVisible();
    await expect(search.getByLabel("Status")).toHaveCount(0);
    await page.goto(`${env.workspace}/customers/new`);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await screenshot(page, testInfo, "customer-records-employee-refused");
  });

  test("the list follows what is typed into the search, without a page load", async ({
    context,
    page,
    consoleErrors,
  }, testInfo) => {
    const env = environment();
    await signInAs(context, "workspace", "dispatcher@demo.example");
    await page.goto(`${env.workspace}/customers`);
    await expect(page.getByText(/^Everyone you work for/)).toBeVisible();
    const search = page.getByRole("search", { name: "Customers" });
    await expect(search.getByLabel("Status")).toBeVisible();
    await hydrated(page);

    // Nothing but the search procedure is asked: no document, no page data.
    const asked: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document" || request.url().includes(".data")) asked.push(request.url());
    });
    await page.evaluate(() => Object.assign(window, { stillHere: true }));

    const box = search.getByLabel("Search");
    await box.pressSequentially("Mais", { delay: 40 });
    const rows = page.getByRole("table").getByRole("row");
    // The header, then the name that starts with the word, then a later word of a name, then a
    // customer found through one of its sites.
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText("Maison de Santé Gratte-Ciel");
    await expect(rows.nth(2)).toContainText("Boulangeries Maison Vernay");
    await expect(page).toHaveURL(/\/customers\?q=Mais$/);
    await expect(page.locator("[aria-live=polite]")).toHaveText("3 customers match “Mais”.");
    expect(await page.evaluate(() => "stillHere" in window)).toBe(true);
    expect(asked).toEqual([]);
    await screenshot(page, testInfo, "customer-records-search-as-you-type");

    // Reset is a link to the plain list: the box empties and the whole list is back.
    await search.getByRole("link", { name: "Reset" }).click();
    await expect(box).toHaveValue("");
    await expect(rows.filter({ hasText: "Tech Campus Gerland" })).toHaveCount(1);
    await expect(page).toHaveURL(/\/customers$/);

    await box.fill("Bouq");
    await expect(page.locator("[aria-live=polite]")).toHaveText("No customers match “Bouq”.");
    await expect(page.locator("#customer-results").getByText("No customers match")).toBeVisible();
    await box.fill("");
    await expect(page).toHaveURL(/\/customers$/);
    await expect(rows.filter({ hasText: "Tech Campus Gerland" })).toHaveCount(1);

    // A search the API refuses is said next to the box (its 400 shows in the console).
    consoleErrors.allow(/status of 400 \(Bad Request\)/);
    await box.fill("Bou\u0000");
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(box).toHaveAccessibleDescription(/NUL character/);

    // The address keeps the search: opening a customer and coming back shows the same list.
    await box.fill("Caisse");
    await expect(rows).toHaveCount(2);
    await page.getByRole("link", { name: "Caisse Mutuelle Rhodanienne" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Caisse Mutuelle Rhodanienne" })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\/customers\?q=Caisse$/);
    await expect(search.getByLabel("Search")).toHaveValue("Caisse");
    await expect(rows).toHaveCount(2);
  });

  test("the search form works without JavaScript", async ({ browser }) => {
    const env = environment();
    const context = await browser.newContext({ javaScriptEnabled: false });
    await signInAs(context, "workspace", "manager@demo.example");
    const page = await context.newPage();
    await page.goto(`${env.workspace}/customers`);
    const search = page.getByRole("search", { name: "Customers" });
    await search.getByLabel("Search").fill("hotel presq");
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/customers\?q=hotel\+presq/);
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText("Hôtel Le Presqu'île");
    await expect(search.getByLabel("Search")).toHaveValue("hotel presq");
    await context.close();
  });
});
