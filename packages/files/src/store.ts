import type { Readable } from "node:stream";

// Where uploaded files live. One interface, two drivers: a directory under the data directory
// (the default) and an S3-compatible bucket (STORAGE_URL=s3://…). Nothing here is reachable by a
// public URL: every byte leaves through an authorised route of the app that checked the policy.

export interface FileStore {
  /** "disk" or "s3", for the start-up banner and diagnostics. */
  readonly kind: "disk" | "s3";
  /** Stores the bytes under the key, replacing nothing: keys are fresh random ids. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes as a stream, or null when the key holds nothing. */
  open(key: string): Promise<Readable | null>;
  /** Removes the key; removing a missing key is not an error. */
  remove(key: string): Promise<void>;
  /** True when the key holds bytes (tests and the orphan check). */
  has(key: string): Promise<boolean>;
  /**
   * Every stored key last written before `olderThan`, in no particular order (the orphan sweep of
   * housekeeping compares them with the rows that name files). Previews are listed like any key.
   * Optional so that stand-ins in tests need not list; both real drivers do.
   */
  list?(options: ListOptions): AsyncIterable<StoredFile>;
}

export interface ListOptions {
  /** Only keys last written before this moment. */
  olderThan: Date;
  /** Keys fetched per request where the driver pages (S3: at most 1000, the default). */
  pageSize?: number;
}

export interface StoredFile {
  key: string;
  modifiedAt: Date;
}
