// `npm test`: install, then every check a reviewer would run — typecheck, lint, unit, database
// (embedded PGlite, plus real PostgreSQL when TEST_DATABASE_URL is set) and browser tests.
import { install, run, step } from "./bootstrap.mjs";

install();
const checks = [
  ["Lint and format", ["biome", "ci", "."]],
  ["Typecheck", ["turbo", "run", "typecheck", "--output-logs=errors-only"]],
  ["Tests", ["turbo", "run", "test", "--concurrency=1", "--output-logs=full"]],
];
const failed = [];
for (const [label, args] of checks) {
  step(label);
  if (run("pnpm", ["exec", ...args]) !== 0) failed.push(label);
}
if (failed.length > 0) {
  console.error(`\n✗ Failed: ${failed.join(", ")}`);
  process.exit(1);
}
console.info("\n✓ Every check passed.");
