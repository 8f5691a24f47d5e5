import { mkdtemp, readdir, rm } from "node:fs/promises";
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

  it("keeps files under its root, by key, and leaves no partial file behind", async () => {
    const store = new DiskFileStore(join(root, "layout"));
    await store.put("t1/abc", new Uint8Array([1, 2, 3]), "image/png");
    expect(await readdir(join(root, "layout", "t1"))).toEqual(["abc"]);
    expect(await readdir(join(root, "layout", ".partial"))).toEqual([]);
  });

  it("never shows a half-written file under its key", async () => {
    const store = new DiskFileStore(join(root, "atomic"));
    const big = new Uint8Array(4 * 1024 * 1024).fill(7);
    const writing = store.put("t1/big", big, "application/pdf");
    // While the write is under way the key is either absent or whole.
    const seen: boolean[] = [];
    while (!(await store.has("t1/big"))) {
      seen.push(false);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    let size = 0;
    for await (const chunk of (await store.open("t1/big"))!) size += (chunk as Buffer).length;
    expect(size).toBe(big.byteLength);
  });

  it("does not let a key reach outside its root", async () => {
    const store = new DiskFileStore(join(root, "jail"));
    await expect(store.put("../outside", new Uint8Array([1]), "text/plain")).rejects.toThrow();
    expect((await readdir(root)).includes("outside")).toBe(false);
  });
});
