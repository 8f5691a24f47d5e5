// `npm start` ends here: one process serving the workspace and the portal, sharing one database
// and one job runner.
import type { Server } from "node:http";
import { type ApiServices, type AppServices, createImportJobRunner } from "@ordinavo/api";
import { createAuth, createMailer } from "@ordinavo/auth";
import { type Database, databaseAnswers, openDatabase } from "@ordinavo/db";
import { DEMO_ACCOUNTS, seedDemo, storeDemoFiles } from "@ordinavo/demo";
import { createFileStore, describeStorage } from "@ordinavo/files";
import { createJobs } from "@ordinavo/jobs";
import { portalBodyLimits, workspaceBodyLimits } from "./body-limit";
import { loadBuild } from "./builds";
import { readConfig } from "./config";
import { demoPasswordFile, generateDemoPassword } from "./demo-credentials";
import { createRemixApp } from "./http";
import { createLog } from "./log";

const log = createLog();

function listen(app: ReturnType<typeof createRemixApp>, port: number, host: string, name: string) {
  return new Promise<Server>((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(server);
    });
    server.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(new Error(`Port ${port} (${name}) is in use. Stop the other program or choose another port.`));
      } else reject(error);
    });
  });
}

function mailLine(config: ReturnType<typeof readConfig>): string {
  if (config.smtpUrl) return "SMTP (SMTP_URL)";
  if (config.devMailbox) return `development mailbox, ${new URL("/dev/mail", config.workspaceUrl)}`;
  return "not sent (set SMTP_URL; or NODE_ENV=development DEV_MAILBOX=1 for a local mailbox)";
}

async function main() {
  const config = readConfig();
  const files = createFileStore(config.storage);
  let password: string | undefined;
  let passwordNote = "";
  // Seeding happens once however many processes start together on one PostgreSQL: it runs under
  // the database's start-up lock, after migrations (see openDatabase's `prepare`).
  const seed = async (db: Database) => {
    const stored = demoPasswordFile(config.dataDir);
    const candidate = config.demoPassword ?? generateDemoPassword();
    const seeded = await seedDemo(db, { password: candidate, now: new Date() });
    if (seeded.created) {
      password = candidate;
      if (!config.demoPassword) stored.write(candidate);
      log.info("Demo data seeded");
    } else {
      password = stored.read();
      if (!password) passwordNote = "the DEMO_PASSWORD in use when the demo data was first seeded";
    }
    // The seed wrote file rows; put bytes behind them (a no-op once they are stored).
    const storedFiles = await storeDemoFiles(db, files);
    if (storedFiles) log.info("Demo files stored", { count: storedFiles });
  };
  const handle = await openDatabase(config.database, {
    migrate: true,
    prepare: config.seedDemo ? seed : undefined,
  });
  log.info("Database ready", { engine: handle.engine });

  // Fresh planner statistics after loading data, then once a day (PGlite has no autovacuum).
  await handle.maintain();
  const maintenance = setInterval(() => {
    handle.maintain().catch(() => log.warn("Database maintenance failed"));
  }, 24 * 3600_000);
  maintenance.unref();

  const mailer = createMailer({
    db: handle.db,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log,
    // Links hold tokens: only a developer's own console may show them.
    logLinks: config.devMailbox,
  });
  const jobs = createJobs({
    db: handle.db,
    config: config.jobs,
    log,
    webhooks: {
      ...config.webhooks,
      // Admins hear by mail when Ordinavo turns one of their webhook endpoints off.
      notices: { mailer, workspaceLink: (path) => new URL(path, config.workspaceUrl).toString() },
    },
    files,
    imports: createImportJobRunner({ db: handle.db, files }),
  });
  jobs.relay.start();
  // In-process mode runs cron functions (nightly recurring visits) itself, once soon after start.
  jobs.scheduler.start();
  const auth = createAuth({ db: handle.db, mailer, log, secureCookies: config.secureCookies });
  const api: ApiServices = {
    db: handle.db,
    auth,
    links: {
      workspace: (path) => new URL(path, config.workspaceUrl).toString(),
      portal: (path) => new URL(path, config.portalUrl).toString(),
    },
    origins: { workspace: [config.workspaceUrl.origin], portal: [config.portalUrl.origin] },
    // readConfig allowed it only in development, on loopback http:// addresses, without SMTP.
    devMailbox: config.devMailbox && mailer.transport === "dev-mailbox",
    log,
    files,
  };
  const services: AppServices = {
    jobs,
    api,
    health: () => databaseAnswers(handle.db),
    development: config.development,
    map: config.map,
    log,
  };
  const http = { services, log, trustProxy: config.trustProxy, compress: config.compress };

  const workspace = await loadBuild("workspace");
  const portal = await loadBuild("portal");
  const servers = [
    await listen(
      createRemixApp({
        ...workspace,
        ...http,
        name: "workspace",
        origins: api.origins.workspace,
        bodyLimits: workspaceBodyLimits,
      }),
      config.workspacePort,
      config.host,
      "workspace",
    ),
    await listen(
      createRemixApp({
        ...portal,
        ...http,
        name: "portal",
        origins: api.origins.portal,
        bodyLimits: portalBodyLimits,
      }),
      config.portalPort,
      config.host,
      "portal",
    ),
  ];

  const lines = [
    "",
    "  Ordinavo is running.",
    "",
    `  Workspace (staff):        http://${config.host}:${config.workspacePort}`,
    `  Customer Portal:          http://${config.host}:${config.portalPort}`,
    `  Mail:                     ${mailLine(config)}`,
    `  Database:                 ${handle.engine === "pglite" ? `embedded, in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)"}`,
    `  Background jobs:          ${jobs.mode === "in-process" ? "in this process" : "Inngest server"}`,
    `  Files:                    ${describeStorage(config.storage)}`,
  ];
  if (config.seedDemo) {
    lines.push(
      "",
      "  Demo sign-in (workspace): " +
        [DEMO_ACCOUNTS.admin, DEMO_ACCOUNTS.manager, DEMO_ACCOUNTS.dispatcher, DEMO_ACCOUNTS.employee].join(
          ", ",
        ),
      `  Demo sign-in (portal):    ${DEMO_ACCOUNTS.portal}`,
      `  Password:                 ${password ?? passwordNote}`,
    );
  }
  lines.push("", "  Press Ctrl-C to stop.", "");
  process.stdout.write(`${lines.join("\n")}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("Stopping", { signal });
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          }),
      ),
    );
    clearInterval(maintenance);
    await jobs.scheduler.stop();
    await jobs.relay.stop();
    mailer.close();
    await handle.close();
    log.info("Stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // A failed query's reason (PostgreSQL's own message) sits on the cause; the message only
  // names the query.
  const cause =
    error instanceof Error && error.cause instanceof Error ? `\n  because: ${error.cause.message}` : "";
  process.stderr.write(`\nOrdinavo could not start: ${message}${cause}\n\n`);
  process.exit(1);
});
