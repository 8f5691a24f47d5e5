import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createImportJobRunner } from "@ordinavo/api";
import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import { databaseAnswers } from "@ordinavo/db";
import type { TestDatabase } from "@ordinavo/db/testing";
import { DiskFileStore, type FileStore } from "@ordinavo/files";
import { createJobs } from "@ordinavo/jobs";
import { type BodyLimits, portalBodyLimits, workspaceBodyLimits } from "./body-limit";
import { loadBuild } from "./builds";
import type { TrustProxy } from "./config";
import { createRemixApp } from "./http";
import { createLog } from "./log";

export interface StartOptions {
  /** Development mode (the development mailbox needs it). */
  development?: boolean;
  devMailbox?: boolean;
  trustProxy?: TrustProxy;
  bodyLimits?: BodyLimits;
  /** Pages and API answers compressed on the fly (default: yes, as in production). */
  compress?: boolean;
  mapTileUrl?: string | null;
  /** Where to listen (default 127.0.0.1). */
  host?: string;
  /** Uploaded files (default: a disk store in a fresh temporary directory). */
  files?: FileStore;
}

/** One app of the product on a free port, with its log lines captured (tests only). */
export async function startApp(
  app: "workspace" | "portal",
  database: TestDatabase,
  options: StartOptions = {},
) {
  const { build, clientDir } = await loadBuild(app);
  const lines: string[] = [];
  const log = createLog((line) => lines.push(line));
  const imports: { db: typeof database.db; files?: FileStore } = { db: database.db };
  const jobs = createJobs({
    db: database.db,
    config: { mode: "in-process" },
    imports: createImportJobRunner(imports),
  });
  const mailer = createMailer({ db: database.db, from: "x <x@example.com>", log: silentLog });
  const auth = createAuth({ db: database.db, mailer, log: silentLog, secureCookies: false });
  const origins: string[] = [];
  // A store of its own unless one was given; its directory goes when the server closes.
  let files = options.files;
  let filesRoot: string | null = null;
  if (!files) {
    filesRoot = mkdtempSync(join(tmpdir(), "ordinavo-test-files-"));
    files = new DiskFileStore(filesRoot);
  }
  imports.files = files;
  const api = {
    db: database.db,
    auth,
    links: { workspace: (p: string) => p, portal: (p: string) => p },
    origins: { workspace: origins, portal: origins },
    devMailbox: options.devMailbox ?? false,
    log,
    files,
  };
  const services = {
    jobs,
    health: () => databaseAnswers(database.db),
    api,
    development: options.development ?? false,
    map: { tileUrl: options.mapTileUrl ?? null },
    log,
  };
  const server: Server = createRemixApp({
    build,
    clientDir,
    services,
    log,
    name: app,
    origins,
    trustProxy: options.trustProxy,
    compress: options.compress,
    bodyLimits: options.bodyLimits ?? (app === "workspace" ? workspaceBodyLimits : portalBodyLimits),
  }).listen(0, options.host ?? "127.0.0.1");
  if (filesRoot) {
    const root = filesRoot;
    server.once("close", () => rmSync(root, { recursive: true, force: true }));
  }
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  origins.push(base);
  return { server, base, port, lines, services };
}

export type StartedApp = Awaited<ReturnType<typeof startApp>>;
