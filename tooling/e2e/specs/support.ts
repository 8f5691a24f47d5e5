import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  type BrowserContext,
  test as base,
  expect,
  type Locator,
  type Page,
  type TestInfo,
} from "@playwright/test";
import {
  type A11yWatch,
  endSession,
  formatViolations,
  routeOf,
  startSession,
  watchNewContexts,
} from "../a11y";
import { environment } from "../environment";

// Small helpers the customer-record and planning journeys share: a `test` that fails on an
// unexpected console error, screenshots kept with the report, and locators for the board.

/** Where copies of the journeys' final screenshots go, to look at outside the report. */
const shotsDir = "/tmp/ordv-e2e-shots";

export interface ConsoleWatch {
  /** Lets console errors matching the pattern pass (a page expected to answer 403, say). */
  allow(pattern: RegExp): void;
  /** The console errors and uncaught page errors seen so far that were not allowed. */
  unexpected(): string[];
}

/** Collects `console.error` messages and uncaught errors of every page in the context. */
export function watchConsole(context: BrowserContext): ConsoleWatch {
  const seen: string[] = [];
  const allowed: RegExp[] = [];
  context.on("console", (message) => {
    if (message.type() === "error") seen.push(`console.error on ${message.page()?.url()}: ${message.text()}`);
  });
  context.on("weberror", (error) =>
    seen.push(`uncaught on ${error.page()?.url()}: ${error.error().message}`),
  );
  return {
    allow: (pattern) => allowed.push(pattern),
    unexpected: () => seen.filter((line) => !allowed.some((pattern) => pattern.test(line))),
  };
}

/**
 * Playwright's `test`, failing a test whose pages logged an unexpected console error or failed an
 * accessibility check (axe-core, WCAG 2.0/2.1 A and AA; see a11y.ts). Every context the test
 * opens is watched, its own `context` and those from `browser.newContext`.
 */
export const test = base.extend<
  { consoleErrors: ConsoleWatch; a11y: A11yWatch },
  { a11yContexts: undefined }
>({
  a11yContexts: [
    async ({ browser }, use) => {
      const env = environment();
      const app = (url: string) => (url.startsWith(env.portal) ? "portal" : "workspace");
      const restore = watchNewContexts(browser, (url) => `${app(url)} ${routeOf(url)}`);
      await use(undefined);
      restore();
    },
    { scope: "worker", auto: true },
  ],
  a11y: [
    async ({ context }, use, testInfo) => {
      const session = startSession();
      session.watch(context);
      await use(session);
      endSession(session);
      const passing = testInfo.status === testInfo.expectedStatus;
      const report = await session.finish({ scanOpenPages: passing });
      // Kept with the test's results (a11y.json), to gather a whole run's findings.
      const file = testInfo.outputPath("a11y.json");
      writeFileSync(file, JSON.stringify(report, null, 2));
      await testInfo.attach("a11y", { path: file, contentType: "application/json" });
      console.info(
        `a11y: ${report.pages.length} pages scanned, ${report.visited.length} passed through unscanned; ` +
          `${report.scans} scans (${report.repeats} of a page again, ${report.interrupted} overtaken), ` +
          `${(report.scanTime / 1000).toFixed(1)} s; ${report.violations.length} violations`,
      );
      expect(report.errors, "accessibility scans that failed").toEqual([]);
      expect(
        report.violations.length,
        `accessibility violations (axe-core, WCAG 2.0/2.1 A and AA):\n${formatViolations(report.violations)}`,
      ).toBe(0);
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ context }, use) => {
      const watch = watchConsole(context);
      await use(watch);
      expect(watch.unexpected(), "unexpected console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A suffix that makes names created by one run unique ("k3x9p2"). */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 36).toString(36)}`;
}

/**
 * A screenshot attached to the report, with a copy in /tmp/ordv-e2e-shots: the whole page, or,
 * given a locator, the window scrolled to it (the board scrolls inside its own box, which a
 * full-page shot does not follow).
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, focus?: Locator) {
  if (focus) await focus.scrollIntoViewIfNeeded();
  const body = await page.screenshot({ fullPage: !focus });
  await testInfo.attach(name, { body, contentType: "image/png" });
  mkdirSync(shotsDir, { recursive: true });
  writeFileSync(path.join(shotsDir, `${name}.png`), body);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The calendar day `count` days after `day` (both YYYY-MM-DD). */
export function addDays(day: string, count: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

/** "Tuesday 14 September 2027": a day written out in full. */
export function longDay(day: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(`${day}T12:00:00Z`));
}

/** The board's row of one person (its row header starts with the name). */
export function boardRow(page: Page, name: string): Locator {
  return page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${escapeRegExp(name)}`) }) });
}

/** The week board's cell of one person on one day (its column header carries the day). */
export async function boardCell(page: Page, name: string, day: string): Promise<Locator> {
  const header = page.getByRole("columnheader").and(page.locator(`[data-day="${day}"]`));
  // The day's link is named by what it shows ("Tue 14 Sept"), then what it does.
  await expect(header.getByRole("link", { name: /: open the day view$/ })).toBeVisible();
  const column = await page
    .getByRole("columnheader")
    .evaluateAll(
      (headers, wanted) => headers.findIndex((cell) => cell.getAttribute("data-day") === wanted),
      day,
    );
  expect(column, `a column for ${day}`).toBeGreaterThan(0);
  // The first column header is the "Person" corner; the row's own header is not a cell.
  return boardRow(page, name)
    .getByRole("cell")
    .nth(column - 1);
}

/** A card on the board (its link to the appointment, and its "Move…" link when movable). */
export function boardCard(cell: Locator, targetTitle: string): Locator {
  return cell.getByRole("listitem").filter({ hasText: targetTitle });
}

/** Waits until the page's scripts have taken over (before that, typing into a field is lost). */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
}

/** The id at the end of a page address such as /customers/<id>?notice=created. */
export function idFromUrl(page: Page, prefix: string): string {
  const match = new RegExp(`${escapeRegExp(prefix)}/([0-9a-f-]{36})`).exec(page.url());
  expect(match, `${page.url()} is under ${prefix}/<id>`).not.toBeNull();
  return match![1]!;
}

/** Plans an appointment with the form on a target's page and waits for the confirmation. */
export async function planOnTargetPage(
  page: Page,
  slot: { day: string; start: string; end: string; employee: string },
) {
  const form = page.getByRole("form", { name: "Plan an appointment" });
  await form.getByLabel("Date").fill(slot.day);
  // With JavaScript, moving the start moves the end along: set the end last.
  await form.getByLabel("Start").fill(slot.start);
  await form.getByLabel("End").fill(slot.end);
  await form.getByLabel("Employee").selectOption({ label: slot.employee });
  await form.getByRole("button", { name: "Plan appointment" }).click();
}

// ---- The portal's pages: two sizes, two languages ----

export const portalSizes = { desk: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** Screenshots of the page at desktop and phone size (back at desktop size after). */
export async function bothSizes(page: Page, testInfo: TestInfo, name: string) {
  await page.setViewportSize(portalSizes.desk);
  await screenshot(page, testInfo, `${name}-desktop`);
  await page.setViewportSize(portalSizes.phone);
  await screenshot(page, testInfo, `${name}-phone`);
  await page.setViewportSize(portalSizes.desk);
}

/** Chooses the portal's language for a browser context, as the language switcher does. */
export async function setPortalLanguage(context: BrowserContext, base: string, locale: "en" | "fr") {
  const response = await context.request.post(`${base}/locale`, {
    headers: { origin: base },
    form: { locale, redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
}
