import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { BASE_URL as baseURL, E2E_PORT as port, OTP_RESEND_SECONDS } from "./e2e/support/settings";

// End-to-end tests run the production build (`next build` first) against a fresh PostgreSQL database,
// created by e2e/support/web-server.ts and dropped by e2e/support/global-teardown.ts.
// Set once in the runner process; the workers inherit it.
process.env.E2E_DATABASE ??= `pr_e2e_${randomBytes(6).toString("hex")}`;
process.env.E2E_POSTGRES_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  testDir: "./e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 2 : undefined,
  fullyParallel: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  // Runs after the web server is up: creates the run's administrator (the first account).
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx e2e/support/web-server.ts",
    url: `${baseURL}/api/health/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      JWT_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuv",
      SMS_PROVIDER: "simulated",
      DEMO_MODE: "true",
      SMS_SIMULATED_DELAY_MS: "50",
      OTP_RESEND_SECONDS: String(OTP_RESEND_SECONDS),
      // Every test signs in from 127.0.0.1; the per-phone limits stay as in production.
      OTP_MAX_PER_IP_PER_HOUR: "100000",
      // The webhook spec's receiver listens on 127.0.0.1 over http.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
      LOG_LEVEL: "warn",
    },
  },
});
