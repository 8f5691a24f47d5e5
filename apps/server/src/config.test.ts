import { describe, expect, it } from "vitest";
import { parseTrustProxy, readConfig as readEnv } from "./config";

const base = { DATA_DIR: "/tmp/ordinavo-config-test" };
const readConfig = (vars: Record<string, string | undefined>) => readEnv(vars as NodeJS.ProcessEnv);

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["0", false],
    ["false", false],
    ["1", 1],
    ["2", 2],
    ["loopback", ["loopback"]],
    ["10.0.0.1", ["10.0.0.1"]],
    ["10.0.0.0/8, 192.168.1.0/24", ["10.0.0.0/8", "192.168.1.0/24"]],
    ["loopback, uniquelocal, 2001:db8::/32", ["loopback", "uniquelocal", "2001:db8::/32"]],
  ])("%j is read as %j", (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
    expect(readConfig({ ...base, TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    "true",
    "11",
    "-1",
    "proxy.example",
    "10.0.0.0/33",
    "10.0.0.0/8/1",
    "2001:db8::/129",
    "10.0.0.1;rm",
    "*",
  ])("refuses %j with the variable named", (value) => {
    expect(typeof parseTrustProxy(value)).toBe("string");
    expect(() => readConfig({ ...base, TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe("DEV_MAILBOX", () => {
  const dev = { ...base, NODE_ENV: "development", DEV_MAILBOX: "1" };

  it("is off unless asked for, even in development without SMTP", () => {
    expect(readConfig(base).devMailbox).toBe(false);
    expect(readConfig({ ...base, NODE_ENV: "development" }).devMailbox).toBe(false);
  });

  it("is on in development on loopback http:// addresses", () => {
    expect(readConfig(dev).devMailbox).toBe(true);
    expect(readConfig({ ...dev, HOST: "localhost", WORKSPACE_URL: "http://localhost:3000" }).devMailbox).toBe(
      true,
    );
  });

  it.each([
    ["in production mode", { NODE_ENV: "production" }, "NODE_ENV=development"],
    ["in test mode", { NODE_ENV: "test" }, "NODE_ENV=development"],
    ["with SMTP", { SMTP_URL: "smtp://mail.example:25" }, "no SMTP_URL"],
    ["on a public interface", { HOST: "0.0.0.0" }, "a loopback HOST"],
    ["with an https:// workspace", { WORKSPACE_URL: "https://app.example" }, "loopback WORKSPACE_URL"],
    ["with an https:// portal on loopback", { PORTAL_URL: "https://127.0.0.1:3001" }, "PORTAL_URL"],
    ["with a public host name", { WORKSPACE_URL: "http://app.example:3000" }, "WORKSPACE_URL"],
  ])("refuses to start %s", (_name, env, reason) => {
    expect(() => readConfig({ ...dev, ...env })).toThrow(reason);
  });
});

describe("INNGEST_REGISTER_ON_PUT", () => {
  it("is off unless set, and reaches the jobs configuration", () => {
    const inngest = { ...base, INNGEST_DEV: "1" };
    expect(readConfig(inngest).jobs).toMatchObject({ mode: "inngest", registerOnPut: false });
    expect(readConfig({ ...inngest, INNGEST_REGISTER_ON_PUT: "1" }).jobs).toMatchObject({
      registerOnPut: true,
    });
  });
});

describe("STORAGE_URL", () => {
  it("keeps files in the data directory by default", () => {
    expect(readConfig(base).storage).toEqual({ kind: "disk", root: "/tmp/ordinavo-config-test/files" });
  });

  it("takes a directory or an S3 bucket", () => {
    expect(readConfig({ ...base, STORAGE_URL: "file:///srv/files" }).storage).toEqual({
      kind: "disk",
      root: "/srv/files",
    });
    expect(
      readConfig({
        ...base,
        STORAGE_URL:
          "s3://KEY:S3CR3T-VALUE@minio:9000/ordinavo?forcePathStyle=true&tls=false&region=eu-west-3",
      }).storage,
    ).toMatchObject({
      kind: "s3",
      endpoint: "http://minio:9000",
      bucket: "ordinavo",
      region: "eu-west-3",
      forcePathStyle: true,
      credentials: { accessKeyId: "KEY", secretAccessKey: "S3CR3T-VALUE" },
    });
  });

  it.each([
    "ftp://KEY:S3CR3T-VALUE@host/bucket",
    "s3://KEY:S3CR3T-VALUE@host/x",
    "s3://KEY:S3CR3T-VALUE@host/bucket?tls=no",
    "s3://KEY:S3CR3T-VALUE@host/bucket?secret=1",
  ])("refuses %j at start, naming STORAGE_URL without repeating the secret", (value) => {
    let message = "";
    try {
      readConfig({ ...base, STORAGE_URL: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^STORAGE_URL is not valid: /);
    expect(message).not.toContain("S3CR3T-VALUE");
  });
});

describe("WEBHOOK_ALLOW_PRIVATE", () => {
  it("keeps private addresses refused and https required unless told otherwise", () => {
    expect(readConfig(base).webhooks).toEqual({ allowPrivate: false, requireHttps: true });
    expect(readConfig({ ...base, WEBHOOK_ALLOW_PRIVATE: "true" }).webhooks).toEqual({
      allowPrivate: true,
      requireHttps: false,
    });
    expect(readConfig({ ...base, NODE_ENV: "development" }).webhooks.requireHttps).toBe(false);
    expect(() => readConfig({ ...base, WEBHOOK_ALLOW_PRIVATE: "yes" })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });
});

describe("COMPRESSION", () => {
  it("is on unless turned off, and refuses anything but on or off", () => {
    expect(readConfig(base).compress).toBe(true);
    expect(readConfig({ ...base, COMPRESSION: "on" }).compress).toBe(true);
    expect(readConfig({ ...base, COMPRESSION: "off" }).compress).toBe(false);
    expect(() => readConfig({ ...base, COMPRESSION: "no" })).toThrow(/COMPRESSION/);
  });
});
