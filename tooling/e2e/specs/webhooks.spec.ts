import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { expect, screenshot, test, uniqueSuffix } from "./support";

// An admin adds a webhook pointing at a receiver this spec runs on loopback (the e2e server runs
// with WEBHOOK_ALLOW_PRIVATE=true), copies the secret shown once, sends a test event and finds it
// delivered in the log; the spec checks the signature as the Standard Webhooks specification
// defines it (the jobs package's tests use the reference library itself).

test.describe("webhooks", () => {
  let server: Server;
  let base: string;
  const received: { path: string; headers: IncomingMessage["headers"]; body: string }[] = [];

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ path: req.url ?? "", headers: req.headers, body });
        // A receiver that has gone away: Ordinavo turns the endpoint off.
        if (req.url === "/gone") res.writeHead(410, { "content-type": "text/plain" }).end("endpoint removed");
        else res.writeHead(200, { "content-type": "text/plain" }).end("received");
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  test("an admin adds a webhook, sends a test event and sees it delivered", async ({ page }, testInfo) => {
    const env = environment();
    await signInAs(page.context(), "workspace", "admin@demo.example");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${env.workspace}/settings/webhooks`);
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

    const name = `Receiver ${uniqueSuffix()}`;
    await page.getByLabel("Endpoint URL").fill(`${base}/hooks`);
    await page.getByLabel("Description (optional)").fill(name);
    await page.getByRole("checkbox", { name: /Visit report approved/ }).check();
    await page.getByRole("button", { name: "Add webhook" }).click();

    const secret = (await page.locator("#webhook-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row.getByText("Active")).toBeVisible();
    await screenshot(page, testInfo, "webhooks-created");

    await row.getByRole("button", { name: /Send test event/ }).click();
    await expect(page.getByRole("status")).toContainText("A test event is on its way");
    await expect.poll(() => received.filter((r) => r.path === "/hooks").length, { timeout: 15_000 }).toBe(1);
    const hit = received.find((r) => r.path === "/hooks")!;
    const id = String(hit.headers["webhook-id"]);
    const signed = `${id}.${hit.headers["webhook-timestamp"]}.${hit.body}`;
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = `v1,${createHmac("sha256", key).update(signed).digest("base64")}`;
    expect(String(hit.headers["webhook-signature"]).split(" ")).toContain(expected);
    const verified = JSON.parse(hit.body) as unknown;
    expect(verified).toMatchObject({ type: "webhook.test" });

    await page.getByRole("link", { name: "See the delivery log" }).click();
    const log = page.getByRole("region", { name: new RegExp(`Delivery log: ${name}`) });
    await expect(log.getByRole("row").filter({ hasText: "Test event" })).toContainText("Delivered");
    await expect(log).toContainText(String(hit.headers["webhook-id"]));
    await expect(log).toContainText("200");
    await screenshot(page, testInfo, "webhooks-log", log);

    // Filters are a GET form: failed deliveries of this endpoint — none.
    await log.getByLabel("Status").selectOption("failed");
    await log.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("No deliveries match.")).toBeVisible();

    // Rotating asks first, on a page of its own (a link, no JavaScript needed).
    await page.goto(`${env.workspace}/settings/webhooks`);
    await page
      .getByRole("row")
      .filter({ hasText: name })
      .getByRole("link", { name: /Rotate secret/ })
      .click();
    await expect(page.getByRole("heading", { name: /Rotate the signing secret/ })).toBeFocused();

    // On a phone nothing is wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, testInfo, "webhooks-phone");
  });

  test("a receiver answering 410 is turned off with a banner, and re-enabled from it", async ({
    page,
  }, testInfo) => {
    const env = environment();
    await signInAs(page.context(), "workspace", "admin@demo.example");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${env.workspace}/settings/webhooks`);
    const name = `Gone receiver ${uniqueSuffix()}`;
    await page.getByLabel("Endpoint URL").fill(`${base}/gone`);
    await page.getByLabel("Description (optional)").fill(name);
    await page.getByRole("checkbox", { name: /Visit report approved/ }).check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    const row = page.getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: /Send test event/ }).click();
    await expect.poll(() => received.filter((r) => r.path === "/gone").length, { timeout: 15_000 }).toBe(1);

    const banner = page
      .getByRole("region", { name: "Ordinavo turned off a webhook" })
      .filter({ hasText: name });
    await expect(async () => {
      await page.goto(`${env.workspace}/settings/webhooks`);
      await expect(banner).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(banner).toContainText("410 Gone");
    await screenshot(page, testInfo, "webhooks-disabled-banner", banner);

    // Its failed delivery, with the receiver's answer and no secret or signature.
    await banner.getByRole("link", { name: /delivery log|failed deliver/ }).click();
    const log = page.getByRole("region", { name: new RegExp(`Delivery log: ${name}`) });
    await expect(log.getByRole("row").filter({ hasText: "Test event" })).toContainText("410");
    await log.getByText("Response").first().click();
    await expect(log).toContainText("endpoint removed");
    await expect(log).not.toContainText("whsec_");
    await expect(log).not.toContainText("v1,");
    await screenshot(page, testInfo, "webhooks-log-failed", log);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, testInfo, "webhooks-log-failed-phone", log);
    await page.goto(`${env.workspace}/settings/webhooks`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, testInfo, "webhooks-disabled-banner-phone", banner);

    await banner.getByRole("button", { name: /Re-enable/ }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: name }).getByText("Active")).toBeVisible();
  });
});
