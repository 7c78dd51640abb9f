import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// `npm run test:faults`: fault tests against throwaway PostgreSQL clusters and `next start` of the production
// build (run `npm run build` first), plus the SMS provider failure tests of the integration suite. Not in the
// default run: they need PostgreSQL 15's binaries and minutes of wall time.
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests/helpers/server-only.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "faults", include: ["tests/faults/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
      {
        extends: true,
        test: {
          name: "faults:sms",
          include: ["tests/integration/sms.test.ts", "tests/integration/sign-in-errors.test.ts"],
          setupFiles: ["tests/helpers/setup-database.ts"],
          env: { TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
