// Shared by `npm start` and `npm test`: make sure the pinned pnpm exists and dependencies are
// installed, using nothing but Node and npm. Plain JavaScript on purpose: it runs before any install.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const pnpmVersion = manifest.packageManager.replace(/^pnpm@/, "");
const toolDir = path.join(root, ".tools", `pnpm-${pnpmVersion}`);
const binDir = path.join(toolDir, "node_modules", ".bin");

export const env = {
  ...process.env,
  PATH: [binDir, path.join(root, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
  // Browsers come from the system (Debian's chromium), never from a tool's own download.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
};

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function step(label) {
  console.info(`\n▸ ${label}`);
}

function ensurePnpm() {
  if (existsSync(path.join(binDir, "pnpm"))) return;
  step(`Fetching pnpm ${pnpmVersion} from the npm registry (once)`);
  const status = run("npm", [
    "install",
    "--no-save",
    "--no-package-lock",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    "--prefix",
    toolDir,
    `pnpm@${pnpmVersion}`,
  ]);
  if (status !== 0) {
    console.error("Could not install pnpm. Check access to the npm registry and try again.");
    process.exit(status);
  }
}

export function install() {
  ensurePnpm();
  step("Installing dependencies");
  const frozen = existsSync(path.join(root, "pnpm-lock.yaml")) ? ["--frozen-lockfile"] : [];
  const status = run("pnpm", ["install", ...frozen, "--reporter=append-only"]);
  if (status !== 0) process.exit(status);
}
