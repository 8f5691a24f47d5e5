import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3FileStore } from "./s3";
import { storeContract } from "./store-contract";
import { fileStoreFromUrl } from "./url";

// The S3 driver against a real S3-protocol server (s3rver) on a random loopback port: real HTTP,
// real signatures, real XML errors — no mocks.

const bucket = "ordinavo-files";
let server: S3rver;
let directory: string;
let endpoint: string;
let port: number;
const stores: S3FileStore[] = [];

const newStore = (prefix?: string) => {
  const store = new S3FileStore({
    endpoint,
    bucket,
    prefix,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  stores.push(store);
  return store;
};

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "ordinavo-s3rver-"));
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  ({ port } = await server.run());
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.destroy()));
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

describe("S3 store (s3rver)", () => {
  storeContract(() => newStore());

  it("keeps keys under its prefix, apart from other prefixes", async () => {
    const a = newStore("site-a");
    const b = newStore("site-b");
    await a.put("t1/shared-name", new Uint8Array([1]), "image/png");
    expect(await a.has("t1/shared-name")).toBe(true);
    expect(await b.has("t1/shared-name")).toBe(false);
  });

  it("lists every page of its prefix only, with each object's modification time", async () => {
    const store = newStore("listing");
    const keys = ["t1/a", "t1/b", "t1/c", "t2/d", "t2/e.preview"];
    for (const key of keys) await store.put(key, new Uint8Array([1]), "image/png");
    await newStore("elsewhere").put("t1/z", new Uint8Array([1]), "image/png");
    const found: string[] = [];
    for await (const file of store.list({ olderThan: new Date(Date.now() + 60_000), pageSize: 2 })) {
      found.push(file.key);
      expect(file.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 600_000);
    }
    expect(found.sort()).toEqual(keys);
  });

  it("is what an s3:// STORAGE_URL makes", async () => {
    const store = fileStoreFromUrl(
      `s3://S3RVER:S3RVER@127.0.0.1:${port}/${bucket}/from-url?forcePathStyle=true&tls=false`,
      "/unused",
    );
    expect(store.kind).toBe("s3");
    await store.put("t9/x", new TextEncoder().encode("via url"), "text/plain");
    expect(await newStore("from-url").has("t9/x")).toBe(true);
    await (store as S3FileStore).destroy();
  });

  it("fails loudly for a bucket that does not exist instead of pretending files are missing", async () => {
    const store = new S3FileStore({
      endpoint,
      bucket: "no-such-bucket",
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    stores.push(store);
    await expect(store.put("t1/x", new Uint8Array([1]), "text/plain")).rejects.toThrow(/bucket/i);
    await expect(store.open("t1/x")).rejects.toThrow(/bucket/i);
  });

  it("refuses an unknown access key", async () => {
    const store = new S3FileStore({
      endpoint,
      bucket,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "SOMEONE-ELSE", secretAccessKey: "S3RVER" },
    });
    stores.push(store);
    await expect(store.put("t1/denied", new Uint8Array([1]), "text/plain")).rejects.toThrow();
  });
});
