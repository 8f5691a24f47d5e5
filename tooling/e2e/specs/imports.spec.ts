import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { bothSizes, expect, test } from "./support";

// An admin imports customers from a small CSV with one bad row: a dry run first (the row's field
// error and the unmapped column's warning are shown, nothing is written), then the same file for
// real; the progress completes and the imported customer is in the customers list.

test("an admin imports customers with a dry run first", async ({ page }, testInfo) => {
  const env = environment();
  const tag = Date.now().toString(36);
  await signInAs(page.context(), "workspace", "admin@demo.example");

  await page.goto(`${env.workspace}/settings/imports`);
  await expect(page.getByRole("heading", { name: "Imports", level: 1 })).toBeVisible();
  const csv = [
    "externalId,name,email,Colour",
    `E2E-${tag}-1,Imported Bakery ${tag},hello@bakery.example,red`,
    `E2E-${tag}-2,Broken Row ${tag},not-an-email,blue`,
  ].join("\n");
  await page
    .getByLabel("File")
    .setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel("What to import").selectOption("customer");
  await page.getByLabel("Source system").fill("e2e");
  await expect(page.getByRole("checkbox", { name: /Dry run/ })).toBeChecked();
  await bothSizes(page, testInfo, "h3-imports-new");
  await page.getByRole("button", { name: /Upload and choose the mapping/ }).click();

  // The mapping step: columns named like fields are mapped already; Colour is left out.
  await expect(page.getByRole("heading", { name: "Mapping", exact: true })).toBeVisible();
  await expect(page.getByLabel(/Column “Colour”/)).toHaveValue("");
  await bothSizes(page, testInfo, "h3-imports-mapping");
  await page.getByRole("button", { name: "Start import" }).click();

  await expect(page.getByRole("heading", { name: "Completed with warnings" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText(/This column is not mapped to a field/)).toBeVisible();
  await expect(page.getByText(/a dry run: nothing was written/)).toBeVisible();
  await bothSizes(page, testInfo, "h3-imports-dry-run");

  await page.getByRole("button", { name: "Run for real" }).click();
  await expect(page.getByText("Real run")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Completed with warnings" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/2 of 2 rows · 1 failed/)).toBeVisible();
  await page.getByRole("link", { name: "Imported" }).click();
  await expect(page.getByText(`E2E-${tag}-1`)).toBeVisible();
  await bothSizes(page, testInfo, "h3-imports-done");

  await page.goto(`${env.workspace}/customers?q=${encodeURIComponent(`Imported Bakery ${tag}`)}`);
  await expect(page.getByText(`Imported Bakery ${tag}`).first()).toBeVisible();
  await expect(page.getByText(`Broken Row ${tag}`)).toHaveCount(0);
});
