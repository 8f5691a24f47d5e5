import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Image work and a local S3 server on two busy cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The pinned AWS SDK warns once that later releases need Node 22; we know (see decision 014).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
