import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";

// Accessibility checks that ride along with the journeys: every page a watched browser context
// shows is scanned with axe-core for WCAG 2.0/2.1 A and AA failures, and the test fails on any.
//
// How: each page's main-frame navigations (`framenavigated`, which Playwright also reports for
// same-document history changes, i.e. Remix's client-side navigations) queue a scan that waits
// for `load`, lets the page render, and runs axe. The scans of one test run one after the other,
// beside the test, which they do not wait for: a scan overtaken by the test (another navigation,
// the page or context closed) is dropped, and the next page has its own. Each address is scanned
// once per window size in a test; `setViewportSize` scans the new layout before it returns; a
// context's pages get a last scan of their final state when the test closes the context, and the
// pages still open get one when the test ends. Pages without JavaScript are scanned through a copy
// (see `analyzeCopy`).

/** The WCAG 2.0 and 2.1 success criteria of levels A and AA. */
export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** One axe rule failing on one page (route): the elements it failed on. */
export interface A11yViolation {
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** The page as a route ("workspace /targets/:id"). */
  page: string;
  /** A full address where it was seen. */
  url: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** A known violation let through: every given field must match. */
export interface A11yAllowance {
  rule: string;
  /** Matched against the page's route and its full address. */
  page?: RegExp;
  /** Matched against the element's selector and HTML. */
  element?: RegExp;
  /** Why it is let through (a third party's markup, say). */
  reason: string;
}

export interface A11yWatch {
  /** Lets matching violations pass; nothing is allowed by default. */
  allow(allowance: A11yAllowance): void;
  /** Watches one more browser context (contexts from `browser.newContext` are watched already). */
  watch(context: BrowserContext): void;
}

export interface A11yReport {
  /** Scans that ran to the end. */
  scans: number;
  /** Addresses scanned, with the window size ("… @ 390×844"). */
  pages: string[];
  /** Addresses the test went through too briefly to scan. */
  visited: string[];
  /** Scans dropped because the test moved on or closed the page first. */
  interrupted: number;
  /** Scans of an address scanned before in the same test (a later state of the page). */
  repeats: number;
  /** Time spent scanning (ms); scans mostly overlap with the test's own waiting. */
  scanTime: number;
  violations: A11yViolation[];
  /** Scans that failed for another reason than the test moving on. */
  errors: string[];
}

interface PageState {
  /** Main-frame navigations seen so far: a scan that saw this change drops its result. */
  navigations: number;
  queued: boolean;
}

/** Errors of a page going away under a scan. */
const gone =
  /Target (page, context or browser )?(has been )?closed|Target closed|Session closed|Execution context was destroyed|Frame was detached|frame got detached|page is navigating/i;

/** How long one scan (load, render, axe) may take before it counts as a failure. */
const scanTimeout = 20_000;

/**
 * axe-core's minified build (0.65 MB): AxeBuilder loads the unminified one (1.5 MB) by default,
 * which takes a third longer to load into each page.
 */
const axeSource = (() => {
  const fromAxeBuilder = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"));
  return readFileSync(fromAxeBuilder.resolve("axe-core/axe.min.js"), "utf8");
})();

/** Runs axe on the page as it is now; the document keeps axe-core for the next scan. */
async function axe(page: Page) {
  // Reuse the axe-core an earlier scan loaded into this document (a scan after a client-side
  // navigation or at the end): loading it again takes a few hundred milliseconds.
  const loaded = await page.evaluate(
    () => typeof (window as { axe?: { run?: unknown } }).axe?.run === "function",
  );
  const reuse = loaded && page.frames().length === 1;
  const builder = new AxeBuilder({ page, axeSource: reuse ? ";" : axeSource });
  // Legacy mode runs axe in the page itself: the default mode opens a blank page in the context
  // to combine the frames' results, which the test would see as a new tab.
  const results = await builder
    .options({ resultTypes: ["violations"] })
    .withTags(wcagTags)
    .setLegacyMode(true)
    .analyze();
  return results.violations;
}

/** The page's address and window size: what a scan is of. */
function layoutKey(page: Page): string {
  const size = page.viewportSize();
  return `${page.url()} @ ${size ? `${size.width}×${size.height}` : "?"}`;
}

/** The path with ids replaced: "/targets/0b6c…/report" → "/targets/:id/report". */
export function routeOf(url: string): string {
  try {
    const { pathname } = new URL(url);
    return pathname
      .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi, "/:id")
      .replace(/\/[A-Za-z0-9_-]{32,}(?=\/|$)/g, "/:token");
  } catch {
    return url;
  }
}

/**
 * The accessibility checks of one test: the contexts it watches, their scans and findings.
 * `label` names a page for the report (default: its route).
 */
export class A11ySession implements A11yWatch {
  private readonly contexts = new Set<BrowserContext>();
  private readonly pageStates = new WeakMap<Page, PageState>();
  private readonly allowances: A11yAllowance[] = [];
  private readonly found = new Map<string, A11yViolation>();
  private readonly errors: string[] = [];
  private readonly scannedUrls = new Set<string>();
  /** Addresses at a window size ("…/board?day=… @ 390×844") scanned so far. */
  private readonly scannedLayouts = new Set<string>();
  private readonly visitedUrls = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private scans = 0;
  private interrupted = 0;
  private scanTime = 0;
  private finished = false;
  private readonly scripting = new WeakMap<BrowserContext, boolean>();
  /** A page to scan copies of pages that run no scripts in (see `analyzeCopy`). */
  private scratch: Promise<Page> | undefined;
  /** The HTML the scratch page shows next. */
  private copy: string | undefined;
  /** Scans of an address this test had scanned already. */
  private repeats = 0;

  /**
   * `label` names a page for the report (default: its route). A test scans each address once per
   * window size (and each open page at the end) unless `everyVisit` (A11Y_EVERY_VISIT=1): then
   * every visit gets its own scan.
   */
  constructor(
    private readonly label: (url: string) => string = routeOf,
    private readonly everyVisit = process.env.A11Y_EVERY_VISIT === "1",
  ) {}

  allow(allowance: A11yAllowance) {
    this.allowances.push(allowance);
  }

  watch(context: BrowserContext) {
    if (this.contexts.has(context) || this.finished) return;
    this.contexts.add(context);
    context.on("page", (page) => this.watchPage(page));
    for (const page of context.pages()) this.watchPage(page);
    context.on("close", () => this.contexts.delete(context));
    // Closing a context first waits for its scans and scans what its pages show last.
    const close = context.close.bind(context);
    context.close = async (options) => {
      if (!this.finished) await this.scanFinalState(context);
      return close(options);
    };
  }

  /** Waits for the queued scans, scans the pages still open (unless told not to), and reports. */
  async finish({ scanOpenPages }: { scanOpenPages: boolean }): Promise<A11yReport> {
    if (scanOpenPages) for (const context of [...this.contexts]) await this.scanFinalState(context);
    this.finished = true;
    await this.chain;
    await this.scratch?.then((scratch) => scratch.context().close()).catch(() => undefined);
    const violations = [...this.found.values()]
      .map((violation) => ({
        ...violation,
        nodes: violation.nodes.filter((node) => !this.allowed(violation, node)),
      }))
      .filter((violation) => violation.nodes.length > 0)
      .sort((a, b) => a.rule.localeCompare(b.rule) || a.page.localeCompare(b.page));
    return {
      scans: this.scans,
      pages: [...this.scannedLayouts],
      visited: [...this.visitedUrls].filter((url) => !this.scannedUrls.has(url)),
      interrupted: this.interrupted,
      repeats: this.repeats,
      scanTime: Math.round(this.scanTime),
      violations,
      errors: this.errors,
    };
  }

  private watchPage(page: Page) {
    if (this.pageStates.has(page)) return;
    const state: PageState = { navigations: 0, queued: false };
    this.pageStates.set(page, state);
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) return;
      state.navigations += 1;
      if (/^https?:/.test(frame.url())) this.visitedUrls.add(frame.url());
      this.queue(page, state);
    });
    if (/^https?:/.test(page.url())) this.queue(page, state);
    // A new window size is a new layout (the phone's, say): scan it before the test goes on,
    // which would often size the window back at once.
    const setViewportSize = page.setViewportSize.bind(page);
    page.setViewportSize = async (size) => {
      await setViewportSize(size);
      if (this.finished) return;
      this.chain = this.chain.then(() => this.scan(page, state, "resize"));
      await this.chain;
    };
  }

  private queue(page: Page, state: PageState) {
    // A scan still waiting its turn will see the newest document anyway.
    if (this.finished || state.queued) return;
    state.queued = true;
    this.chain = this.chain.then(() => {
      state.queued = false;
      return this.scan(page, state, "navigation");
    });
  }

  /** Waits for the context's queued scans, then scans each of its pages as it is now. */
  private scanFinalState(context: BrowserContext): Promise<void> {
    this.chain = this.chain.then(async () => {
      for (const page of context.pages()) {
        const state = this.pageStates.get(page);
        if (state) await this.scan(page, state, "final");
      }
    });
    return this.chain;
  }

  private async scan(page: Page, state: PageState, reason: "navigation" | "resize" | "final") {
    if (page.isClosed()) return;
    const before = state.navigations;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`scan timed out after ${scanTimeout} ms`)), scanTimeout);
    });
    try {
      const stale = () => state.navigations !== before || page.isClosed();
      const result = await Promise.race([this.analyze(page, stale, reason), timeout]);
      if (result === "skipped") return;
      if (result === "overtaken" || stale()) {
        this.interrupted += 1;
        return;
      }
      this.scans += 1;
      if (this.scannedLayouts.has(result.key)) this.repeats += 1;
      this.scannedLayouts.add(result.key);
      this.scannedUrls.add(result.url);
      for (const violation of result.violations) this.record(result.url, violation);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (page.isClosed() || state.navigations !== before || gone.test(message)) this.interrupted += 1;
      else this.errors.push(`${page.url()}: ${message.split("\n")[0]}`);
    } finally {
      clearTimeout(timer);
      this.scanTime += performance.now() - started;
    }
  }

  /** Axe's violations on the page, or why there are none: not a web page, seen already, overtaken. */
  private async analyze(page: Page, stale: () => boolean, reason: "navigation" | "resize" | "final") {
    await page.waitForLoadState("load", { timeout: scanTimeout });
    const url = page.url();
    if (!/^https?:/.test(url)) return "skipped";
    const key = layoutKey(page);
    if (reason !== "final" && !this.everyVisit && this.scannedLayouts.has(key)) return "skipped";
    if (!(await this.runsScripts(page))) return { url, key, violations: await this.analyzeCopy(page, url) };
    // After a client-side navigation the new route renders just after the address changes.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    if (stale()) return "overtaken";
    return { url, key, violations: await axe(page) };
  }

  /** Whether the page's context runs scripts (axe cannot run where they are turned off). */
  private async runsScripts(page: Page): Promise<boolean> {
    const context = page.context();
    let known = this.scripting.get(context);
    if (known === undefined) {
      known = await page.evaluate(() => {
        let ran = false;
        const probe = document.createElement("div");
        probe.addEventListener("probe", () => {
          ran = true;
        });
        probe.dispatchEvent(new Event("probe"));
        return ran;
      });
      this.scripting.set(context, known);
    }
    return known;
  }

  /** The scratch page: its navigations get the copy; the page's own scripts are not loaded. */
  private scratchPage(page: Page): Promise<Page> {
    this.scratch ??= (async () => {
      const browser = page.context().browser();
      if (!browser) throw new Error("no browser to open a scratch page in");
      const context = await unpatchedNewContext(browser)();
      await context.route("**/*", (route) => {
        const request = route.request();
        if (request.isNavigationRequest() && this.copy !== undefined)
          return route.fulfill({ body: this.copy, contentType: "text/html; charset=utf-8" });
        if (request.resourceType() === "script") return route.abort();
        return route.continue();
      });
      return context.newPage();
    })();
    return this.scratch;
  }

  /**
   * Scans a page of a context without JavaScript through a copy: its HTML as the browser has it
   * (scripts left out, `<noscript>` content kept), served at the same address to a scratch page
   * of the same size in a context of its own, which loads the same stylesheets.
   */
  private async analyzeCopy(page: Page, url: string) {
    const html = (await page.content())
      .replace(/<script\b[\s\S]*?<\/script>/gi, "")
      .replace(/<\/?noscript\b[^>]*>/gi, "");
    const viewport = page.viewportSize();
    const scratch = await this.scratchPage(page);
    if (viewport) await scratch.setViewportSize(viewport);
    this.copy = html;
    await scratch.goto(url, { waitUntil: "load", timeout: scanTimeout });
    return axe(scratch);
  }

  private record(url: string, result: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number]) {
    const page = this.label(url);
    const key = `${result.id} ${page}`;
    const violation = this.found.get(key) ?? {
      rule: result.id,
      impact: result.impact ?? "unknown",
      help: result.help,
      helpUrl: result.helpUrl,
      page,
      url,
      nodes: [],
    };
    this.found.set(key, violation);
    for (const node of result.nodes) {
      const target = node.target.map((part) => (Array.isArray(part) ? part.join(" >>> ") : part)).join(" → ");
      if (violation.nodes.some((seen) => seen.target === target)) continue;
      violation.nodes.push({ target, html: node.html, summary: node.failureSummary ?? "" });
    }
  }

  private allowed(violation: A11yViolation, node: A11yViolation["nodes"][number]) {
    return this.allowances.some(
      (allowance) =>
        allowance.rule === violation.rule &&
        (!allowance.page || allowance.page.test(violation.page) || allowance.page.test(violation.url)) &&
        (!allowance.element || allowance.element.test(node.target) || allowance.element.test(node.html)),
    );
  }
}

/** The violations as the failure message shows them: rule, impact, page, a few elements, help. */
export function formatViolations(violations: A11yViolation[], elementsShown = 3): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.slice(0, elementsShown).map((node) => {
        const html = node.html.replace(/\s+/g, " ");
        const summary = node.summary.replace(/\s*\n\s*/g, " ");
        return `    ${node.target}\n      ${html.length > 160 ? `${html.slice(0, 157)}…` : html}\n      ${summary}`;
      });
      const more = violation.nodes.length - nodes.length;
      return [
        `${violation.rule} (${violation.impact}) on ${violation.page}: ${violation.help}`,
        `  ${violation.url}`,
        ...nodes,
        ...(more > 0 ? [`    …and ${more} more element${more === 1 ? "" : "s"}`] : []),
        `  ${violation.helpUrl}`,
      ].join("\n");
    })
    .join("\n");
}

// ---- Every context of a test: the browser's `newContext` hands new contexts to the session ----

let current: A11ySession | undefined;
let label: (url: string) => string = routeOf;
const originalNewContext = new WeakMap<Browser, Browser["newContext"]>();

/** `browser.newContext` as Playwright made it: for contexts that are not the test's own. */
function unpatchedNewContext(browser: Browser): Browser["newContext"] {
  return (originalNewContext.get(browser) ?? browser.newContext).bind(browser);
}

/**
 * Makes `browser.newContext` (and `browser.newPage`, which uses it) give each new context to the
 * current test's session; returns the undo. Contexts made outside a test (`beforeAll`) go to a
 * session the next test takes over, so their pages are reported there.
 */
export function watchNewContexts(browser: Browser, pageLabel: (url: string) => string): () => void {
  label = pageLabel;
  const newContext = browser.newContext;
  originalNewContext.set(browser, newContext);
  browser.newContext = async (...args) => {
    const context = await newContext.apply(browser, args);
    current ??= new A11ySession(label);
    current.watch(context);
    return context;
  };
  return () => {
    browser.newContext = newContext;
    originalNewContext.delete(browser);
  };
}

/** The session of the test starting now (taking over what hooks before it opened). */
export function startSession(): A11ySession {
  current ??= new A11ySession(label);
  return current;
}

/** Ends the current session: later contexts belong to the next test. */
export function endSession(session: A11ySession) {
  if (current === session) current = undefined;
}
