import { defineConfig } from "@playwright/test";

// One Ordinavo process (both apps, embedded database) and one SMTP server for the whole run;
// see global-setup.ts. Browsers come from the system, never from Playwright's downloads.
export default defineConfig({
  testDir: "specs",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  globalSetup: "./global-setup.ts",
  use: {
    // The workspace writes dates the British way; the browser's own date and time fields follow suit.
    locale: "en-GB",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  outputDir: "test-results",
});
