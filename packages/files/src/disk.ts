import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { mkdir, open, opendir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { Readable } from "node:stream";
import { assertSafeKey, isSafeKey } from "./keys";
import type { FileStore, ListOptions, StoredFile } from "./store";

// Files in a directory (by default `<dataDir>/files`). A file is written under a temporary name in
// `.partial/` on the same file system, flushed, and then renamed to its key: the rename is atomic,
// so a reader never sees a half-written file under a key, and a crash leaves only a partial file
// that no key names.

const partialDir = ".partial";

export class DiskFileStore implements FileStore {
  readonly kind = "disk" as const;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    const path = resolve(this.root, ...key.split("/"));
    // Belt and braces: the key check already rules this out.
    if (!path.startsWith(this.root + sep)) throw new Error("Refused an unsafe storage key");
    return path;
  }

  async put(key: string, body: Uint8Array, _contentType: string): Promise<void> {
    const target = this.pathOf(key);
    const partial = join(this.root, partialDir, `${randomUUID()}.part`);
    await mkdir(dirname(partial), { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const handle = await open(partial, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(partial, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async open(key: string): Promise<Readable | null> {
    const path = this.pathOf(key);
    try {
      // Opening first answers "missing" as null here, not as a stream error later.
      const handle = await open(path, constants.O_RDONLY);
      return handle.createReadStream({ autoClose: true });
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /**
   * Walks the directory: files whose path is a safe key and whose modification time is before
   * `olderThan`. Partial writes (`.partial/`) and anything else no key could name are skipped.
   */
  async *list(options: ListOptions): AsyncIterable<StoredFile> {
    yield* this.walk(this.root, [], options.olderThan);
  }

  private async *walk(directory: string, parts: string[], olderThan: Date): AsyncIterable<StoredFile> {
    let entries: Awaited<ReturnType<typeof opendir>>;
    try {
      entries = await opendir(directory);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for await (const entry of entries) {
      const path = [...parts, entry.name];
      // Segments starting with "." (the partial directory) are never part of a key.
      if (!isSafeKey(path.join("/"))) continue;
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(full, path, olderThan);
      } else if (entry.isFile()) {
        const info = await stat(full).catch(() => null);
        if (info && info.mtime < olderThan) yield { key: path.join("/"), modifiedAt: info.mtime };
      }
    }
  }
}

const isMissing = (error: unknown) =>
  error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");
