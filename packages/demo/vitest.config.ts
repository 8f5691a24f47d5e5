import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Seeding runs argon2 and thousands of inserts on embedded PGlite: give it room on slow machines.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
