// `npm start`: install, build, migrate and seed the embedded database, then serve both apps.
import { install, run, step } from "./bootstrap.mjs";

install();
step("Building the workspace and portal apps");
let status = run("pnpm", ["turbo", "run", "build", "--output-logs=errors-only"]);
if (status !== 0) process.exit(status);

step("Starting Ordinavo");
// The server migrates and seeds on its own, then serves both apps in one process.
// Ctrl-C reaches the child directly (same process group); we wait for it to finish cleanly.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
status = run("pnpm", ["--filter", "@ordinavo/server", "--silent", "start"]);
process.exit(status);
