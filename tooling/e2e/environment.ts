import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Facts global setup writes for the specs: where the apps and the mail catcher are. */
export interface E2EEnvironment {
  workspace: string;
  portal: string;
  password: string;
  mailDir: string;
}

export const environmentFile = path.join(tmpdir(), "ordinavo-e2e-environment.json");

export function environment(): E2EEnvironment {
  return JSON.parse(readFileSync(environmentFile, "utf8")) as E2EEnvironment;
}
