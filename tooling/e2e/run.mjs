// Runs the browser tests when a Chromium is available; otherwise says, in one line, how to enable them.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.info(
    `Browser tests skipped: no Chromium at ${chromium} (install Debian's chromium, or set CHROMIUM_PATH).`,
  );
  process.exit(0);
}
const result = spawnSync("playwright", ["test"], {
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
});
process.exit(result.status ?? 1);
