import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // PGlite takes seconds to start and argon2 ~50 ms per hash; on two cores under load give room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
