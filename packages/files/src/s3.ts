import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { assertSafeKey, isSafeKey } from "./keys";
import type { FileStore, ListOptions, StoredFile } from "./store";

// Files in an S3-compatible bucket. The bucket stays private: nothing here makes public or
// pre-signed URLs, every byte goes through the app. An S3 PUT is atomic (an object appears whole
// or not at all), so no temporary names are needed. The SDK is loaded on first use: it takes
// most of a second to import, and installations on disk never need it.

type Sdk = typeof import("@aws-sdk/client-s3");
let sdk: Promise<Sdk> | undefined;
const loadSdk = () => {
  sdk ??= import("@aws-sdk/client-s3");
  return sdk;
};

export interface S3StoreOptions {
  /** The service's base URL, e.g. "https://s3.eu-central-1.amazonaws.com" or "http://127.0.0.1:9000". */
  endpoint: string;
  bucket: string;
  region: string;
  /** Bucket in the path ("host/bucket/key") rather than in the host name: MinIO, s3rver, Ceph… */
  forcePathStyle: boolean;
  /** Keys are stored under this prefix (no leading or trailing "/"), if any. */
  prefix?: string;
  /** Leave out to use the SDK's usual sources (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export class S3FileStore implements FileStore {
  readonly kind = "s3" as const;
  private client: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  private destroyed = false;

  constructor(private readonly options: S3StoreOptions) {}

  private connect() {
    this.client ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: this.options.endpoint,
        region: this.options.region,
        forcePathStyle: this.options.forcePathStyle,
        credentials: this.options.credentials,
        // Extra CRC checksums only where the service demands them: many S3-compatible servers
        // do not understand them, and we keep our own SHA-256 of every file anyway.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    }));
    return this.client;
  }

  private objectKey(key: string): string {
    assertSafeKey(key);
    return this.options.prefix ? `${this.options.prefix}/${key}` : key;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    const Key = this.objectKey(key);
    const { sdk, client } = await this.connect();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.options.bucket,
        Key,
        Body: body,
        ContentLength: body.byteLength,
        ContentType: contentType,
      }),
    );
  }

  async open(key: string): Promise<Readable | null> {
    const Key = this.objectKey(key);
    const { sdk, client } = await this.connect();
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key }));
      if (!out.Body) return null;
      // In Node the body is an IncomingMessage (a Readable); wrap anything else.
      const body = out.Body as unknown;
      if (body instanceof Readable) return body;
      return Readable.fromWeb(out.Body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
    } catch (error) {
      if (isMissing(sdk, error)) return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    const Key = this.objectKey(key);
    const { sdk, client } = await this.connect();
    // Deleting a missing object succeeds in S3: nothing to special-case.
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key }));
  }

  async has(key: string): Promise<boolean> {
    const Key = this.objectKey(key);
    const { sdk, client } = await this.connect();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.options.bucket, Key }));
      return true;
    } catch (error) {
      if (isMissing(sdk, error)) return false;
      throw error;
    }
  }

  /**
   * The bucket's keys (under the prefix) last modified before `olderThan`, page after page of
   * ListObjectsV2. Objects outside the prefix or with names no key could have are skipped.
   */
  async *list(options: ListOptions): AsyncIterable<StoredFile> {
    const { sdk, client } = await this.connect();
    const prefix = this.options.prefix ? `${this.options.prefix}/` : "";
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: prefix || undefined,
          ContinuationToken: token,
          MaxKeys: options.pageSize,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key?.startsWith(prefix) || !object.LastModified) continue;
        const key = object.Key.slice(prefix.length);
        if (!isSafeKey(key)) continue;
        if (object.LastModified < options.olderThan) yield { key, modifiedAt: object.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Closes the client's connections (tests, shutdown). */
  async destroy(): Promise<void> {
    if (this.destroyed || !this.client) return;
    this.destroyed = true;
    (await this.client).client.destroy();
  }
}

// Only "no such key" counts as missing: a missing bucket or refused credentials must fail loudly,
// not look like files that vanished.
const isMissing = (sdk: Sdk, error: unknown) =>
  error instanceof sdk.S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound");
