import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Image work and a local S3 server on two busy cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The pinned AWS SDK warns once that later releases need Node 22; we know (see decision 014).
    // s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy
    // provider: without it every truncated listing is a 500.
    execArgv: ["--openssl-legacy-provider"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
