import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // PGlite takes seconds to start; on two cores under load give database tests room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
