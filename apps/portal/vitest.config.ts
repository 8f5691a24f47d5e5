import { defineConfig } from "vitest/config";

// Unit tests of the portal's words and pages as files (no Remix, no browser).
export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: { include: ["app/**/*.test.ts"] },
});
