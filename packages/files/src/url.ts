import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DiskFileStore } from "./disk";
import { S3FileStore, type S3StoreOptions } from "./s3";
import type { FileStore } from "./store";

// STORAGE_URL, read once at start-up by the launcher:
//
//   (unset)                      files in <data directory>/files
//   file:///absolute/path        files in that directory
//   s3://KEY:SECRET@HOST[:PORT]/BUCKET[/PREFIX]?region=R&forcePathStyle=true&tls=false
//
// For S3, KEY and SECRET are percent-encoded (leave both out to use the SDK's usual credential
// sources). `region` defaults to us-east-1, `forcePathStyle` to false (set it for MinIO, Ceph,
// s3rver…), `tls` to true (https). Errors name STORAGE_URL and what is wrong, never the value:
// it may hold a secret.

export type StorageConfig = { kind: "disk"; root: string } | ({ kind: "s3" } & S3StoreOptions);

export class StorageUrlError extends Error {
  override readonly name = "StorageUrlError";
  constructor(problem: string) {
    super(`STORAGE_URL is not valid: ${problem}.`);
  }
}

const s3Options = new Set(["region", "forcePathStyle", "tls"]);
// S3's bucket naming rules, in short: 3–63 lowercase letters, digits, dots and hyphens.
const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const prefixPattern = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

function flag(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = params.get(name);
  if (value === null) return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new StorageUrlError(`${name} must be true or false`);
}

function decoded(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new StorageUrlError(`the ${what} is not correctly percent-encoded`);
  }
}

/** Reads STORAGE_URL (undefined or empty: the data directory). Throws StorageUrlError. */
export function parseStorageUrl(value: string | undefined, dataDir: string): StorageConfig {
  if (value === undefined || value.trim() === "") return { kind: "disk", root: join(dataDir, "files") };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new StorageUrlError("expected file:///absolute/path or s3://KEY:SECRET@HOST/BUCKET");
  }
  if (url.protocol === "file:") {
    if (url.host !== "" || url.search !== "" || url.username !== "") {
      throw new StorageUrlError("a file URL is file:///absolute/path, with no host or options");
    }
    const root = fileURLToPath(url);
    if (!isAbsolute(root) || root === "/")
      throw new StorageUrlError("the file path must be an absolute directory");
    return { kind: "disk", root };
  }
  if (url.protocol !== "s3:") throw new StorageUrlError("the scheme must be file: or s3:");

  if (!url.hostname) throw new StorageUrlError("the S3 URL needs a host (the service's address)");
  const [bucket = "", ...rest] = url.pathname.replace(/^\/+/, "").replace(/\/+$/, "").split("/");
  if (!bucketName.test(bucket)) {
    throw new StorageUrlError(
      "the path must start with a bucket name (3–63 lowercase letters, digits, dots, hyphens)",
    );
  }
  const prefix = rest.join("/");
  if (prefix !== "" && !prefixPattern.test(prefix)) {
    throw new StorageUrlError(
      "the key prefix after the bucket may hold letters, digits, '.', '_', '-' and '/'",
    );
  }
  for (const name of url.searchParams.keys()) {
    if (!s3Options.has(name))
      throw new StorageUrlError(`unknown option "${name}" (known: region, forcePathStyle, tls)`);
  }
  const hasKey = url.username !== "";
  const hasSecret = url.password !== "";
  if (hasKey !== hasSecret) throw new StorageUrlError("give both the access key and the secret, or neither");
  const region = url.searchParams.get("region") ?? "us-east-1";
  if (!/^[a-z0-9-]{1,40}$/.test(region)) throw new StorageUrlError("region must look like eu-central-1");
  const tls = flag(url.searchParams, "tls", true);
  return {
    kind: "s3",
    endpoint: `${tls ? "https" : "http"}://${url.host}`,
    bucket,
    prefix: prefix || undefined,
    region,
    forcePathStyle: flag(url.searchParams, "forcePathStyle", false),
    credentials: hasKey
      ? {
          accessKeyId: decoded(url.username, "access key"),
          secretAccessKey: decoded(url.password, "secret"),
        }
      : undefined,
  };
}

/** One line for the start banner: where files go, without credentials. */
export function describeStorage(config: StorageConfig): string {
  if (config.kind === "disk") return `directory ${config.root}`;
  const where = config.prefix ? `${config.bucket}/${config.prefix}` : config.bucket;
  return `S3 bucket ${where} at ${config.endpoint}`;
}

export function createFileStore(config: StorageConfig): FileStore {
  return config.kind === "disk" ? new DiskFileStore(config.root) : new S3FileStore(config);
}

/** The store STORAGE_URL names (see the top of this file). Throws StorageUrlError. */
export function fileStoreFromUrl(url: string | undefined, dataDir: string): FileStore {
  return createFileStore(parseStorageUrl(url, dataDir));
}
