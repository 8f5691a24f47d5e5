/**
 * `pnpm --filter @ordinavo/demo seed [--scale N] [--scale-slug SLUG]`
 *
 * Seeds the demo into DATABASE_URL, or into the embedded database in $DATA_DIR/pglite (default
 * <repo>/.data/pglite). The password of every demo account is DEMO_PASSWORD, or a generated one
 * that is printed. With --scale, also creates a large tenant of N customers and reports the time.
 * This is the only module of the package that reads the environment.
 */
import { randomInt } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type DatabaseHandle, openDatabase } from "@ordinavo/db";
import { seedDemo } from "./demo";
import { DEMO_ACCOUNTS, NORTHWIND_ACCOUNTS } from "./demo/data/accounts";
import { seedScale } from "./scale";

const USAGE = `Usage: pnpm --filter @ordinavo/demo seed [--scale N] [--scale-slug SLUG]

  --scale N          also create a tenant with N customers (default N: 100000)
  --scale-slug SLUG  slug of that tenant (default: scale)

Environment: DATABASE_URL (PostgreSQL; otherwise embedded PGlite in DATA_DIR/pglite),
DATA_DIR (default: <repo>/.data), DEMO_PASSWORD (otherwise one is generated and printed).`;

interface Arguments {
  scale?: number;
  scaleSlug: string;
  help: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = { scaleSlug: "scale", help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) return undefined;
      i++;
      return next;
    };
    if (flag === "--help" || flag === "-h") args.help = true;
    else if (flag === "--scale") {
      const raw = value();
      const count = raw === undefined ? 100_000 : Number(raw.replaceAll(/[_,]/g, ""));
      if (!Number.isInteger(count) || count < 1)
        throw new Error(`--scale needs a positive whole number, not "${raw}"`);
      args.scale = count;
    } else if (flag === "--scale-slug") {
      const slug = value();
      if (!slug || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(slug))
        throw new Error("--scale-slug needs a slug like scale-2");
      args.scaleSlug = slug;
    } else if (flag !== "--") {
      throw new Error(`Unknown argument "${argv[i]}"`);
    }
  }
  return args;
}

const WORDS = [
  "amber",
  "basil",
  "cedar",
  "delta",
  "ember",
  "fjord",
  "glade",
  "harbor",
  "indigo",
  "juniper",
  "kestrel",
  "lagoon",
  "maple",
  "nectar",
  "orchid",
  "pebble",
  "quartz",
  "raven",
  "saffron",
  "tundra",
  "umber",
  "velvet",
  "willow",
  "zephyr",
  "canal",
  "lantern",
  "meadow",
  "prairie",
  "summit",
  "thistle",
];

/** Three words and a number: easy to type from a terminal, long enough for a demo. */
function readablePassword(): string {
  const word = () => WORDS[randomInt(WORDS.length)]!;
  return `${word()}-${word()}-${word()}-${randomInt(10, 100)}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args.help) {
    console.info(USAGE);
    return;
  }
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = path.join(process.env.DATA_DIR ?? path.join(repoRoot, ".data"), "pglite");
  const givenPassword = process.env.DEMO_PASSWORD;
  const password = givenPassword || readablePassword();

  const where = databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${dataDir}`;
  console.info(`Opening ${where} and applying migrations…`);
  const handle: DatabaseHandle = databaseUrl
    ? await openDatabase({ url: databaseUrl }, { migrate: true })
    : await openDatabase({ dataDir }, { migrate: true });
  try {
    const started = performance.now();
    const demo = await seedDemo(handle.db, { password, now: new Date() });
    if (demo.created) {
      console.info(`Demo data created in ${seconds(performance.now() - started)}.`);
      console.info(
        givenPassword ? "Password: the value of DEMO_PASSWORD" : `Password for every account: ${password}`,
      );
      console.info(`  Rhône Facility Services (workspace):
    ${DEMO_ACCOUNTS.admin} (tenant admin)
    ${DEMO_ACCOUNTS.manager} (manager)
    ${DEMO_ACCOUNTS.dispatcher} (dispatcher)
    ${DEMO_ACCOUNTS.employee} (employee / mobile technician)
  Customer portal:
    ${DEMO_ACCOUNTS.portal} (a whole customer)
    ${DEMO_ACCOUNTS.portalSites} (selected locations only)
  Northwind Maintenance (second tenant):
    ${NORTHWIND_ACCOUNTS.admin}, ${NORTHWIND_ACCOUNTS.dispatcher}, ${NORTHWIND_ACCOUNTS.employee}`);
    } else {
      console.info("The demo tenant exists already; nothing was changed.");
    }

    if (args.scale !== undefined) {
      console.info(`Creating tenant "${args.scaleSlug}" with ${args.scale.toLocaleString("en")} customers…`);
      const scaleStarted = performance.now();
      const scale = await seedScale(handle.db, {
        tenantSlug: args.scaleSlug,
        customers: args.scale,
        now: new Date(),
        password,
        onProgress: (line) => console.info(`  ${line} (${seconds(performance.now() - scaleStarted)})`),
      });
      if (scale.created) {
        const c = scale.counts;
        const verb = scale.resumed ? "finished (an interrupted run was resumed)" : "created";
        console.info(
          `Tenant "${args.scaleSlug}" ${verb} in ${seconds(performance.now() - scaleStarted)}: ` +
            `${c.customers.toLocaleString("en")} customers, ${c.locations.toLocaleString("en")} locations, ` +
            `${c.contacts.toLocaleString("en")} contacts, ${c.targets.toLocaleString("en")} targets, ` +
            `${c.appointments.toLocaleString("en")} appointments.`,
        );
        if (!givenPassword && !demo.created) console.info(`Password of its staff accounts: ${password}`);
        console.info(`Sign in as admin@${args.scaleSlug}.example to look at it.`);
      } else {
        console.info(`Tenant "${args.scaleSlug}" exists already; nothing was changed.`);
      }
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
