import { text } from "node:stream/consumers";
import { expect, it } from "vitest";
import type { FileStore } from "./store";

// What every driver must do, run against each real driver by its own test file.

export function storeContract(store: () => FileStore) {
  it("stores, opens, reports and removes a file", async () => {
    const s = store();
    const key = "tenant-1/0b6f5e2c-file";
    expect(await s.has(key)).toBe(false);
    await s.put(key, new TextEncoder().encode("hello, files"), "text/plain");
    expect(await s.has(key)).toBe(true);
    const body = await s.open(key);
    expect(body).not.toBeNull();
    expect(await text(body!)).toBe("hello, files");
    await s.remove(key);
    expect(await s.has(key)).toBe(false);
    expect(await s.open(key)).toBeNull();
  });

  it("keeps binary bytes exactly", async () => {
    const s = store();
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) % 256);
    await s.put("tenant-1/binary", bytes, "application/octet-stream");
    const chunks: Buffer[] = [];
    for await (const chunk of (await s.open("tenant-1/binary"))!) chunks.push(chunk as Buffer);
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(bytes);
  });

  it("answers a missing key with null and removes it without complaint", async () => {
    const s = store();
    expect(await s.open("tenant-1/never-stored")).toBeNull();
    await expect(s.remove("tenant-1/never-stored")).resolves.toBeUndefined();
  });

  it("lists the keys written before a moment, previews included, and nothing newer", async () => {
    const s = store();
    const keys = ["tenant-2/listed-a", "tenant-2/listed-a.preview", "tenant-2/sub/listed-b"];
    for (const key of keys) await s.put(key, new Uint8Array([1, 2, 3]), "application/octet-stream");
    const list = async (olderThan: Date) => {
      const found: { key: string; modifiedAt: Date }[] = [];
      for await (const file of s.list!({ olderThan, pageSize: 2 })) found.push(file);
      return found;
    };
    const later = await list(new Date(Date.now() + 60_000));
    expect(later.map((f) => f.key)).toEqual(expect.arrayContaining(keys));
    for (const file of later) {
      expect(file.modifiedAt).toBeInstanceOf(Date);
      expect(file.key.startsWith(".")).toBe(false);
    }
    expect(new Set(later.map((f) => f.key)).size).toBe(later.length);
    const earlier = (await list(new Date(Date.now() - 60_000))).map((f) => f.key);
    for (const key of keys) expect(earlier).not.toContain(key);
    for (const key of keys) await s.remove(key);
    expect((await list(new Date(Date.now() + 60_000))).map((f) => f.key)).not.toContain(keys[0]);
  });

  it.each([
    "../escape",
    "tenant/../../etc/passwd",
    "/etc/passwd",
    "a//b",
    "a\\b",
    "",
    ".hidden",
    "a/b/c/d/e",
  ])("refuses the unsafe key %j", async (key) => {
    const s = store();
    await expect(s.put(key, new Uint8Array([1]), "text/plain")).rejects.toThrow(/unsafe storage key/);
    await expect(s.open(key)).rejects.toThrow(/unsafe storage key/);
    await expect(s.has(key)).rejects.toThrow(/unsafe storage key/);
    await expect(s.remove(key)).rejects.toThrow(/unsafe storage key/);
  });
}
