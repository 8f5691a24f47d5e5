import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Real server processes for tests: `src/main.ts` as `npm start` runs it, with its output kept.

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Launched {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function launch(env: Record<string, string>): Launched {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor(launched: Launched, text: string, timeoutMs = 90_000) {
  const started = Date.now();
  while (!launched.output().includes(text)) {
    if (launched.child.exitCode !== null) throw new Error(`exited early:\n${launched.output()}`);
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for "${text}":\n${launched.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
