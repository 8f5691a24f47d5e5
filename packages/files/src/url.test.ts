import { describe, expect, it } from "vitest";
import { describeStorage, parseStorageUrl, StorageUrlError } from "./url";

describe("parseStorageUrl", () => {
  it("defaults to a files directory in the data directory", () => {
    expect(parseStorageUrl(undefined, "/srv/ordinavo")).toEqual({
      kind: "disk",
      root: "/srv/ordinavo/files",
    });
    expect(parseStorageUrl("  ", "/srv/ordinavo")).toEqual({ kind: "disk", root: "/srv/ordinavo/files" });
  });

  it("takes a file URL as the directory", () => {
    expect(parseStorageUrl("file:///mnt/uploads", "/x")).toEqual({ kind: "disk", root: "/mnt/uploads" });
  });

  it("reads an S3 URL with credentials, prefix and options", () => {
    expect(
      parseStorageUrl(
        "s3://AKIA123:s%2Fcr%3Ft@minio.internal:9000/ordinavo-files/prod/eu?region=eu-central-1&forcePathStyle=true&tls=false",
        "/x",
      ),
    ).toEqual({
      kind: "s3",
      endpoint: "http://minio.internal:9000",
      bucket: "ordinavo-files",
      prefix: "prod/eu",
      region: "eu-central-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIA123", secretAccessKey: "s/cr?t" },
    });
  });

  it("uses https, us-east-1, virtual-host style and the SDK's own credentials by default", () => {
    expect(parseStorageUrl("s3://s3.eu-west-1.amazonaws.com/my-bucket", "/x")).toEqual({
      kind: "s3",
      endpoint: "https://s3.eu-west-1.amazonaws.com",
      bucket: "my-bucket",
      prefix: undefined,
      region: "us-east-1",
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  it.each([
    ["not a URL", "expected file:///absolute/path"],
    ["http://example.com/bucket", "scheme must be file: or s3:"],
    ["file://server/share", "no host or options"],
    ["s3:///bucket", "needs a host"],
    ["s3://KEY:TOPSECRET9@host", "bucket name"],
    ["s3://KEY:TOPSECRET9@host/Bad_Bucket", "bucket name"],
    ["s3://KEY:TOPSECRET9@host/ok-bucket/we%20ird", "key prefix"],
    ["s3://KEY:TOPSECRET9@host/ok-bucket?tls=maybe", "tls must be true or false"],
    ["s3://KEY:TOPSECRET9@host/ok-bucket?pathStyle=true", 'unknown option "pathStyle"'],
    ["s3://KEY@host/ok-bucket", "both the access key and the secret"],
    ["s3://KEY:TOPSECRET9%zz@host/ok-bucket", "percent-encoded"],
  ])("refuses %j, naming STORAGE_URL and never the secret", (value, problem) => {
    let error: unknown;
    try {
      parseStorageUrl(value, "/x");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StorageUrlError);
    const message = (error as Error).message;
    expect(message).toMatch(/^STORAGE_URL is not valid: /);
    expect(message).toContain(problem);
    expect(message).not.toContain("TOPSECRET9");
  });

  it("describes the store for the start banner without credentials", () => {
    expect(describeStorage(parseStorageUrl(undefined, "/data"))).toBe("directory /data/files");
    const s3 = parseStorageUrl("s3://KEY:TOPSECRET@127.0.0.1:4568/files-bucket/acme?tls=false", "/x");
    expect(describeStorage(s3)).toBe("S3 bucket files-bucket/acme at http://127.0.0.1:4568");
  });
});
