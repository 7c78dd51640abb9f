import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const postgresUrl = process.env.TEST_DATABASE_URL;

const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; in tests it is an empty module.
      "server-only": path.join(root, "tests/helpers/server-only.ts"),
    },
  },
};

const integration = (backend: "pglite" | "postgres") => ({
  ...shared,
  test: {
    name: `integration:${backend}`,
    include: ["tests/integration/**/*.test.ts"],
    setupFiles: ["tests/helpers/setup-database.ts"],
    env: { TEST_DB: backend },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

if (!postgresUrl) {
  console.warn(
    "\n[vitest] TEST_DATABASE_URL is not set: integration tests run on PGlite only, not on PostgreSQL.\n" +
      "         Set it (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them on both.\n",
  );
}

export default defineConfig({
  test: {
    env: { NODE_ENV: "test", LOG_LEVEL: "silent", SMS_SIMULATED_DELAY_MS: "0" },
    globalSetup: ["tests/helpers/generate-openapi.global-setup.ts"],
    coverage: {
      provider: "v8",
      include: ["lib/**/*.{ts,tsx}", "db/**/*.ts", "app/api/**/*.ts"],
      exclude: ["**/*.test.{ts,tsx}", "db/migrate-cli.ts"],
      reporter: ["text-summary", "text", "html"],
      thresholds: { "lib/**": { lines: 90 } },
    },
    projects: [
      { ...shared, test: { name: "unit", include: ["lib/**/*.test.{ts,tsx}", "db/**/*.test.ts"] } },
      integration("pglite"),
      ...(postgresUrl ? [integration("postgres")] : []),
    ],
  },
});
