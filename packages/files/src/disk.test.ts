import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiskFileStore } from "./disk";
import { storeContract } from "./store-contract";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ordinavo-disk-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("disk store", () => {
  storeContract(() => new DiskFileStore(join(root, "contract")));

  it("lists by modification time, skipping partial writes; a missing root lists nothing", async () => {
    const dir = join(root, "listing");
    const store = new DiskFileStore(dir);
    await store.put("t1/old", new Uint8Array([1]), "image/png");
    await store.put("t1/new", new Uint8Array([1]), "image/png");
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(join(dir, "t1", "old"), twoDaysAgo, twoDaysAgo);
    await mkdir(join(dir, ".partial"), { recursive: true });
    await writeFile(join(dir, ".partial", "x.part"), "half");
    await utimes(join(dir, ".partial", "x.part"), twoDaysAgo, twoDaysAgo);
    const found: string[] = [];
    for await (const file of store.list({ olderThan: new Date(Date.now() - 86_400_000) })) {
      found.push(file.key);
      expect(file.modifiedAt.getTime()).toBeLessThan(Date.now() - 86_400_000);
    }
    expect(found).toEqual(["t1/old"]);
    const none: string[] = [];
    for await (const file of new DiskFileStore(join(root, "never-made")).list({ olderThan: new Date() })) {
      none.push(file.key);
    }
    expect(none).toEqual([]);
  });

  it("keeps files under its root, by key, and leaves no partial file behind", async () => {
    const store = new DiskFileStore(join(root, "layout"));
    await store.put("t1/abc", new Uint8Array([1, 2, 3]), "image/png");
    expect(await readdir(join(root, "layout", "t1"))).toEqual(["abc"]);
    expect(await readdir(join(root, "layout", ".partial"))).toEqual([]);
  });

  it("never shows a half-written file under its key", async () => {
    const store = new DiskFileStore(join(root, "atomic"));
    const big = new Uint8Array(16 * 1024 * 1024).fill(7);
    const target = join(root, "atomic", "t1", "big");
    let done = false;
    const writing = store.put("t1/big", big, "application/pdf").finally(() => {
      done = true;
    });
    // While the write is under way, look at the key's file as often as the event loop allows: it
    // is either absent or whole. A store writing straight to the key shows it short (at first
    // empty) here.
    const seen: number[] = [];
    let looks = 0;
    while (!done) {
      looks += 1;
      const size = await stat(target).then(
        (s) => s.size,
        () => null,
      );
      if (size !== null) seen.push(size);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    expect(looks, "the write should still be under way when first looked at").toBeGreaterThan(1);
    expect(seen.filter((size) => size !== big.byteLength)).toEqual([]);
    expect((await stat(target)).size).toBe(big.byteLength);
  });

  it("does not let a key reach outside its root", async () => {
    const store = new DiskFileStore(join(root, "jail"));
    await expect(store.put("../outside", new Uint8Array([1]), "text/plain")).rejects.toThrow();
    expect((await readdir(root)).includes("outside")).toBe(false);
  });
});
