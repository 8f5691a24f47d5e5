import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseStorageUrl, StorageUrlError } from "@ordinavo/files";
import type { JobsConfig } from "@ordinavo/jobs";
import { z } from "zod";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const port = z.coerce.number().int().min(1).max(65_535);
const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const Env = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  HOST: z.string().min(1).default("127.0.0.1"),
  WORKSPACE_PORT: port.default(3000),
  PORTAL_PORT: port.default(3001),
  /** A PostgreSQL server; without it the embedded database in DATA_DIR is used. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" })
    .optional(),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, ".data")),
  DEMO_PASSWORD: z.string().min(8, "DEMO_PASSWORD needs at least 8 characters").optional(),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  /** Where people reach the apps (behind a proxy, for example); links in mails point here. */
  WORKSPACE_URL: z.url().optional(),
  PORTAL_URL: z.url().optional(),
  /** Outgoing mail; without it mails are kept in the development mailbox. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("Ordinavo <no-reply@ordinavo.example>"),
  /**
   * Raster map tiles behind the workspace's location maps, as a URL template with {z}, {x} and
   * {y}. Without it the maps draw a plain background: nothing is fetched from outside services.
   */
  MAP_TILE_URL: z
    .string()
    .regex(
      /^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/,
      "MAP_TILE_URL must be an http(s) URL template with {z}, {x} and {y}",
    )
    .optional(),
  /**
   * Which reverse proxies may tell the client's address in X-Forwarded-For: a hop count ("1": the
   * one proxy in front), or a comma-separated list of proxy addresses, CIDR ranges or the names
   * loopback, linklocal, uniquelocal. Without it the socket's address counts.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === "string") {
        ctx.addIssue({ code: "custom", message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  /**
   * The development mailbox at /dev/mail (mails kept instead of sent). Only with
   * NODE_ENV=development, no SMTP_URL, a loopback HOST and http:// loopback public URLs.
   */
  DEV_MAILBOX: flag,
  /**
   * Where uploaded files are kept: unset for DATA_DIR/files, file:///absolute/path, or
   * s3://KEY:SECRET@HOST[:PORT]/BUCKET[/PREFIX]?region=…&forcePathStyle=true&tls=false (README,
   * "File storage"). Read by `parseStorageUrl` below, which never repeats the value in an error.
   */
  STORAGE_URL: z.string().optional(),
  INNGEST_BASE_URL: z.url().optional(),
  INNGEST_DEV: flag,
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  /** Lets anyone's PUT /api/inngest make this process register with the Inngest server. */
  INNGEST_REGISTER_ON_PUT: flag,
  /**
   * Outgoing webhooks may reach loopback, private and link-local addresses (development and
   * tests: a receiver on this machine). Off: such addresses are refused after name resolution.
   */
  WEBHOOK_ALLOW_PRIVATE: flag,
  /**
   * Pages and API answers compressed on the fly (brotli or gzip, as the browser accepts). "off"
   * behind a proxy that compresses already; browser files are compressed at build either way.
   */
  COMPRESSION: z.enum(["on", "off"]).default("on"),
});

/** Who may speak for the client's address: nobody (the socket), N proxy hops, or these proxies. */
export type TrustProxy = false | number | string[];

const namedRanges = new Set(["loopback", "linklocal", "uniquelocal"]);

/** Reads TRUST_PROXY; a string is the reason it is not valid. */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? hops : "TRUST_PROXY hop count must be between 0 and 10";
  }
  const entries = value.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    if (namedRanges.has(entry) || isIP(entry)) continue;
    const [address = "", prefix, extra] = entry.split("/");
    const version = isIP(address);
    const bits = Number(prefix);
    if (
      version &&
      extra === undefined &&
      /^\d{1,3}$/.test(prefix ?? "") &&
      bits <= (version === 4 ? 32 : 128)
    )
      continue;
    return `TRUST_PROXY must be a hop count or a list of proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal ("${entry}" is none of these)`;
  }
  return entries;
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

export type Config = ReturnType<typeof readConfig>;

/** Reads and validates the environment once, at boot. Nothing else reads process.env. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`The environment is not valid:\n${problems}`);
  }
  const e = parsed.data;
  const usesInngest = Boolean(e.INNGEST_BASE_URL || e.INNGEST_DEV || e.INNGEST_EVENT_KEY);
  const jobs: JobsConfig = usesInngest
    ? {
        mode: "inngest",
        isDev: e.INNGEST_DEV,
        baseUrl: e.INNGEST_BASE_URL,
        eventKey: e.INNGEST_EVENT_KEY,
        signingKey: e.INNGEST_SIGNING_KEY,
        registerOnPut: e.INNGEST_REGISTER_ON_PUT,
      }
    : { mode: "in-process" };
  if (jobs.mode === "inngest" && !jobs.isDev && !jobs.signingKey) {
    throw new Error(
      "INNGEST_SIGNING_KEY is required with an Inngest server outside dev mode (INNGEST_DEV=1).",
    );
  }
  let storage: ReturnType<typeof parseStorageUrl>;
  try {
    storage = parseStorageUrl(e.STORAGE_URL, path.resolve(e.DATA_DIR));
  } catch (error) {
    // Its message names STORAGE_URL and the problem, never the value (it may hold a secret).
    if (error instanceof StorageUrlError) throw new Error(error.message);
    throw error;
  }
  const workspaceUrl = new URL(e.WORKSPACE_URL ?? `http://${e.HOST}:${e.WORKSPACE_PORT}`);
  const portalUrl = new URL(e.PORTAL_URL ?? `http://${e.HOST}:${e.PORTAL_PORT}`);
  if (e.DEV_MAILBOX) {
    const local = (url: URL) => url.protocol === "http:" && isLoopbackHost(url.hostname);
    const missing = [
      e.NODE_ENV !== "development" && "NODE_ENV=development",
      e.SMTP_URL && "no SMTP_URL",
      !isLoopbackHost(e.HOST) && "a loopback HOST",
      !(local(workspaceUrl) && local(portalUrl)) && "http:// loopback WORKSPACE_URL and PORTAL_URL",
    ].filter(Boolean);
    if (missing.length) throw new Error(`DEV_MAILBOX=1 needs ${missing.join(", ")}.`);
  }
  return {
    development: e.NODE_ENV === "development",
    workspaceUrl,
    portalUrl,
    /** `__Host-` cookies with Secure once the apps are served over HTTPS. */
    secureCookies: workspaceUrl.protocol === "https:" && portalUrl.protocol === "https:",
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    host: e.HOST,
    workspacePort: e.WORKSPACE_PORT,
    portalPort: e.PORTAL_PORT,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: path.resolve(e.DATA_DIR, "pglite") },
    dataDir: path.resolve(e.DATA_DIR),
    /** Where uploaded files go (STORAGE_URL); the store is made from this at start. */
    storage,
    demoPassword: e.DEMO_PASSWORD,
    seedDemo: e.SEED_DEMO === "auto",
    map: { tileUrl: e.MAP_TILE_URL ?? null },
    /** Mails kept for /dev/mail instead of sent (explicitly asked for, on a laptop only). */
    devMailbox: e.DEV_MAILBOX,
    trustProxy: e.TRUST_PROXY,
    compress: e.COMPRESSION === "on",
    jobs,
    /** Outgoing webhooks: private addresses only when asked for; https outside development. */
    // A receiver on this machine (WEBHOOK_ALLOW_PRIVATE) may listen on plain http too.
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      requireHttps: e.NODE_ENV !== "development" && !e.WEBHOOK_ALLOW_PRIVATE,
    },
  };
}
