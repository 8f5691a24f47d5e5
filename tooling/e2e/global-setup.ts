import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";
import { type E2EEnvironment, environmentFile } from "./environment";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../apps/server");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real SMTP server that writes every received message to a folder, and the real
 * Ordinavo process (`apps/server`) with a fresh embedded database seeded with the demo data.
 */
export default async function globalSetup() {
  const root = mkdtempSync(path.join(tmpdir(), "ordinavo-e2e-"));
  const mailDir = path.join(root, "mail");
  mkdirSync(mailDir);
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received += 1;
        writeFileSync(path.join(mailDir, `${String(received).padStart(4, "0")}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));

  const [workspacePort, portalPort] = [await freePort(), await freePort()];
  const password = "e2e-demo-pass-2026";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      DATA_DIR: path.join(root, "data"),
      WORKSPACE_PORT: String(workspacePort),
      PORTAL_PORT: String(portalPort),
      DEMO_PASSWORD: password,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      // The webhooks spec delivers to a receiver on loopback.
      WEBHOOK_ALLOW_PRIVATE: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const started = Date.now();
  while (!output.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null) throw new Error(`Ordinavo did not start:\n${output}`);
    if (Date.now() - started > 120_000) throw new Error(`Ordinavo did not start in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const env: E2EEnvironment = {
    workspace: `http://127.0.0.1:${workspacePort}`,
    portal: `http://127.0.0.1:${portalPort}`,
    password,
    mailDir,
  };
  writeFileSync(environmentFile, JSON.stringify(env));

  return async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
    rmSync(environmentFile, { force: true });
  };
}
