// `npm test`: install, then every check a reviewer would run — lint and format, typecheck, unit,
// database (embedded PGlite, plus real PostgreSQL when TEST_DATABASE_URL is set) and browser tests.
import { spawn } from "node:child_process";
import { env, install, root, run, step } from "./bootstrap.mjs";

install();

const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** Runs a command, echoing its output, and adds up the test counts vitest and Playwright print. */
function runCounting(command, args, totals) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let pending = "";
    const scan = (line) => {
      const plain = line.replace(ansiColour, "");
      // vitest: "Tests  12 passed | 1 failed (13)"; Playwright: "  3 passed (12.1s)".
      const vitest = /^\S*:?\s*Tests\s+(.*)\(\d+\)\s*$/.exec(plain.trim());
      if (vitest) {
        for (const [, count, kind] of vitest[1].matchAll(/(\d+) (passed|failed|skipped)/g))
          totals[kind] += Number(count);
        return;
      }
      const playwright = /^(\d+) (passed|failed|skipped|flaky)( \(|$)/.exec(plain.trim());
      if (playwright) totals[playwright[2] === "flaky" ? "passed" : playwright[2]] += Number(playwright[1]);
    };
    const forward = (stream, out) =>
      stream.on("data", (chunk) => {
        out.write(chunk);
        pending += chunk.toString();
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        lines.forEach(scan);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on("close", (code) => {
      scan(pending);
      resolve(code ?? 1);
    });
  });
}

const failed = [];
step("Lint and format");
if (run("pnpm", ["exec", "biome", "ci", "."]) !== 0) failed.push("lint");
step("Typecheck");
if (run("pnpm", ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]) !== 0)
  failed.push("typecheck");

step(
  process.env.TEST_DATABASE_URL
    ? "Tests (PGlite and PostgreSQL)"
    : "Tests (PGlite; set TEST_DATABASE_URL to add PostgreSQL)",
);
const totals = { passed: 0, failed: 0, skipped: 0 };
const testStatus = await runCounting(
  "pnpm",
  [
    "exec",
    "turbo",
    "run",
    "test",
    "--concurrency=1",
    "--continue",
    "--output-logs=full",
    "--log-prefix=none",
  ],
  totals,
);
if (testStatus !== 0) failed.push("tests");

console.info("");
if (failed.length > 0) console.error(`✗ Failed: ${failed.join(", ")}`);
else console.info("✓ Every check passed.");
// One plain closing line with the test counts of every package.
console.info(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed.length > 0 ? 1 : 0);
