import { createRequire } from "node:module";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";

const require = createRequire(import.meta.url);

/** Loads an app's Remix server build and finds its public files (built by `pnpm build`). */
export async function loadBuild(app: "workspace" | "portal") {
  let file: string;
  try {
    file = require.resolve(`@ordinavo/${app}/server-build`);
  } catch {
    throw new Error(`The ${app} app is not built yet. Run \`pnpm build\` (npm start does this for you).`);
  }
  const build = (await import(file)) as ServerBuild;
  return { build, clientDir: path.resolve(path.dirname(file), "../client") };
}
