import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "@playwright/test";
import { environment } from "../environment";
import { signInAs } from "../fixtures";
import { expect, test, watchConsole } from "./support";

// Issue 11, languages: the demo contact walks every portal page in English and in French (chosen
// with the language switcher), signed in and signed out, on a desktop and a phone. Each page must
// say which language it is in (<html lang>), show no raw key ("nav.home") and, in French, no text
// that is an English word of the portal's own (every English value of apps/portal/app/locales/en
// that differs from its French one). A missing key also logs a console error, which fails the test.

const desk = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const shotsDir = "/tmp/shots";

const localesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../apps/portal/app/locales",
);
type Words = Record<string, string>;
const read = (language: string) =>
  Object.fromEntries(
    readdirSync(path.join(localesDir, language))
      .filter((name) => name.endsWith(".json"))
      .map((name) => [
        name.replace(/\.json$/, ""),
        JSON.parse(readFileSync(path.join(localesDir, language, name), "utf8")) as Words,
      ]),
  );
const english = read("en");
const french = read("fr");

/** French values, all areas: a French page may show any of them. */
const frenchValues = new Set(
  Object.values(french).flatMap((words) => Object.values(words).map((v) => v.trim())),
);

/** English values that differ from their French value (and are no French value elsewhere), as patterns. */
const englishOnly: { text: string; pattern: RegExp }[] = Object.entries(english).flatMap(([ns, words]) =>
  Object.entries(words).flatMap(([key, value]) => {
    const text = value.trim();
    if (french[ns]?.[key]?.trim() === text || frenchValues.has(text)) return [];
    // The words around placeholders must not all vanish: "{{start}}–{{end}}" says nothing.
    const bare = text.replace(/\{\{[^}]*\}\}/g, "").replace(/[^\p{L}]+/gu, "");
    if (bare.length < 2) return [];
    const escaped = text
      .split(/\{\{[^}]*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".+");
    return [{ text: `${ns}:${key} = "${text}"`, pattern: new RegExp(`^${escaped}$`, "u") }];
  }),
);

/** Every key, and the first parts keys start with ("nav", "entry"…), to spot a raw key on a page. */
// (The errors area is keyed by the API's English sentences, which are text, not keys.)
const allKeys = new Set(
  Object.entries(english)
    .filter(([ns]) => ns !== "errors")
    .flatMap(([, words]) => Object.keys(words)),
);
const keyPrefixes = new Set([...allKeys].filter((k) => k.includes(".")).map((k) => k.split(".")[0]!));
const looksLikeKey = (text: string) =>
  allKeys.has(text) ||
  (/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_]+)+$/.test(text) && keyPrefixes.has(text.split(".")[0]!));

/** The visible texts of the page: text nodes, and the attributes people read or hear. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const shown = (element: Element | null) => {
      for (let e = element; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.display === "none" || style.visibility === "hidden") return false;
      }
      return true;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      const parent = node.parentElement;
      if (!text || !parent || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(parent.tagName)) continue;
      if (shown(parent)) texts.push(text);
    }
    for (const element of Array.from(
      document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"),
    )) {
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    texts.push(document.title);
    return texts;
  });
}

/** What is wrong with the page in this language: raw keys, English left on a French page. */
async function problems(page: Page, language: "en" | "fr"): Promise<string[]> {
  const found: string[] = [];
  const lang = await page.locator("html").getAttribute("lang");
  if (lang !== language) found.push(`<html lang="${lang}">`);
  for (const text of await visibleTexts(page)) {
    if (looksLikeKey(text)) found.push(`raw key "${text}"`);
    if (language === "fr") {
      const english = englishOnly.find((candidate) => candidate.pattern.test(text));
      if (english) found.push(`English on a French page: "${text}" (${english.text})`);
    }
  }
  return found;
}

async function shoot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  await page.setViewportSize(desk);
  await page.screenshot({ path: `${shotsDir}/h4-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(phone);
  await page.screenshot({ path: `${shotsDir}/h4-${name}-phone.png`, fullPage: true });
  await page.setViewportSize(desk);
}

/** Picks a language with the switcher in the page's header and waits for the page in it. */
async function switchTo(page: Page, language: "en" | "fr") {
  const name = language === "fr" ? "Français" : "English";
  const button = page.getByRole("button", { name, exact: true }).first();
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

/** The first link on the page to a detail of this kind (a request, a report). */
async function firstDetail(page: Page, base: string, pattern: RegExp): Promise<string> {
  const hrefs = await page
    .locator("a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${page.url()}`).toBeTruthy();
  return new URL(href!, base).pathname;
}

async function walk(
  page: Page,
  base: string,
  routes: { name: string; path: string }[],
  language: "en" | "fr",
) {
  const report: string[] = [];
  for (const route of routes) {
    const response = await page.goto(`${base}${route.path}`);
    expect(response?.status(), `${route.path} answers`).toBeLessThan(500);
    await page.waitForLoadState("networkidle");
    report.push(...(await problems(page, language)).map((p) => `${route.path} (${language}): ${p}`));
    await shoot(page, `${route.name}-${language}`);
  }
  return report;
}

async function signedInWalk(contact: BrowserContext, base: string) {
  const page = await contact.newPage();
  await page.goto(`${base}/`);
  await switchTo(page, "en");

  await page.goto(`${base}/requests`);
  const request = await firstDetail(page, base, /^\/requests\/[0-9a-f-]{36}$/);
  await page.goto(`${base}/reports`);
  const report = await firstDetail(page, base, /^\/reports\/[0-9a-f-]{36}$/);
  const routes = [
    { name: "home", path: "/" },
    { name: "requests", path: "/requests" },
    { name: "request-new", path: "/requests/new" },
    { name: "request", path: request },
    { name: "appointments", path: "/appointments" },
    { name: "reports", path: "/reports" },
    { name: "report", path: report },
    { name: "timeline", path: "/timeline" },
    { name: "timeline-reports", path: "/timeline?group=reports" },
  ];

  const found = await walk(page, base, routes, "en");
  // The check can fail: the English home page read as French shows English words and the wrong lang.
  await page.goto(`${base}/`);
  const selfCheck = await problems(page, "fr");
  expect(selfCheck).toContain('<html lang="en">');
  expect(selfCheck.some((p) => p.startsWith("English on a French page"))).toBe(true);
  // French, chosen with the switcher on the first page: it follows the contact to every page.
  await page.goto(`${base}/`);
  await switchTo(page, "fr");
  found.push(...(await walk(page, base, routes, "fr")));
  expect(found).toEqual([]);
}

test.describe("the portal in English and French", () => {
  test("every signed-in page, in both languages, with no raw key and no English left in French", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const env = environment();
    const contact = await browser.newContext({ viewport: desk, locale: "en-GB" });
    await signInAs(contact, "portal", "portal@demo.example");
    // A missing word is a console error in the browser (the portal's i18next reports it).
    const consoleErrors = watchConsole(contact);
    try {
      await signedInWalk(contact, env.portal);
      expect(consoleErrors.unexpected(), "console errors (missing words among them)").toEqual([]);
    } finally {
      // The demo contact's saved language goes back to English for the other journeys.
      await contact.request.post(`${env.portal}/locale`, {
        headers: { origin: env.portal },
        form: { locale: "en", redirectTo: "/" },
        maxRedirects: 0,
      });
      await contact.close();
    }
  });

  test("the pages before signing in, in both languages", async ({ browser }) => {
    const env = environment();
    const visitor = await browser.newContext({ viewport: desk, locale: "en-GB" });
    const consoleErrors = watchConsole(visitor);
    // The invalid links answer 404 (the browser logs the failed document load).
    consoleErrors.allow(/Failed to load resource: the server responded with a status of 404/);
    const page = await visitor.newPage();
    const routes = [
      { name: "login", path: "/login" },
      { name: "forgot-password", path: "/forgot-password" },
      { name: "invitation-invalid", path: "/invitation/not-a-real-invitation-token" },
      { name: "reset-invalid", path: "/reset-password/not-a-real-reset-token" },
    ];
    await page.goto(`${env.portal}/login`);
    await switchTo(page, "en");
    const found = await walk(page, env.portal, routes, "en");
    await page.goto(`${env.portal}/login`);
    await switchTo(page, "fr");
    found.push(...(await walk(page, env.portal, routes, "fr")));
    expect(found).toEqual([]);
    expect(consoleErrors.unexpected(), "console errors (missing words among them)").toEqual([]);
    await visitor.close();
  });
});

test("the timeline filters and pages without JavaScript, and adds older entries with it", async ({
  browser,
}) => {
  const env = environment();
  for (const javaScriptEnabled of [false, true]) {
    const contact = await browser.newContext({ viewport: desk, locale: "en-GB", javaScriptEnabled });
    const consoleErrors = watchConsole(contact);
    await signInAs(contact, "portal", "portal@demo.example");
    const page = await contact.newPage();
    await page.goto(`${env.portal}/timeline`);
    const entries = page.locator(".timeline-entry");
    const first = await entries.count();
    expect(first, "a full first page").toBe(20);

    // The filter is a row of links: only shared reports.
    const filter = page.getByRole("navigation", { name: "Show" });
    await filter.getByRole("link", { name: "Reports" }).click();
    await expect(page).toHaveURL(/group=reports/);
    await expect(filter.getByRole("link", { name: "Reports" })).toHaveAttribute("aria-current", "page");
    const labels = await page.locator(".timeline-label").allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels)).toEqual(new Set(["Visit report shared"]));

    // Older entries: a link with the page's cursor; with JavaScript they are added below.
    await filter.getByRole("link", { name: "Everything" }).click();
    await expect(page).not.toHaveURL(/group=/);
    const older = page.getByRole("link", { name: "Show older entries" });
    await older.click();
    if (javaScriptEnabled) {
      await expect(entries).toHaveCount(40);
      await expect(page).not.toHaveURL(/older=/);
    } else {
      await expect(page).toHaveURL(/older=/);
      await expect(page.getByRole("link", { name: "Back to the latest entries" })).toBeVisible();
      expect(await entries.count()).toBeGreaterThan(0);
    }
    expect(consoleErrors.unexpected()).toEqual([]);
    await contact.close();
  }
});
