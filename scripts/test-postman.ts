// npm run test:postman – the Postman collection against the production server (next start) on a fresh PostgreSQL database.
// Builds first if there is no build. The database (on POSTMAN_DATABASE_URL, TEST_DATABASE_URL or the local server)
// is created for this run and dropped after it; the server is always stopped.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort } from "../tests/helpers/ports";
import { createScratchDatabase, LOCAL_POSTGRES_URL, type ScratchDatabase } from "../tests/helpers/scratch-database";
import { waitForHttp } from "../tests/helpers/wait-until-ready";

const root = path.resolve(__dirname, "..");
const nextBin = path.join(root, "node_modules/.bin/next");
const newmanBin = path.join(root, "node_modules/.bin/newman");
const serverUrl = process.env.POSTMAN_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES_URL;

function stop(server: ChildProcess | undefined): Promise<void> {
  if (!server?.pid || server.exitCode !== null) return Promise.resolve();
  const pid = server.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 10_000);
    server.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      // The server runs in its own process group: stop it and anything it started.
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

async function main(): Promise<number> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("== no build found: npm run build");
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) return build.status ?? 1;
  }

  let database: ScratchDatabase | undefined;
  let server: ChildProcess | undefined;
  const cleanUp = async () => {
    await stop(server);
    await database?.drop().catch((error: Error) => console.error(`could not drop ${database?.name}: ${error.message}`));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    database = await createScratchDatabase("phone_referrals_postman", { serverUrl });
    const port = process.env.POSTMAN_PORT ? Number(process.env.POSTMAN_PORT) : await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    console.log(`== next start on ${baseUrl}, database ${database.name}`);
    const started = spawn(nextBin, ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: database.url,
        JWT_SECRET: randomBytes(48).toString("base64url"),
        SMS_PROVIDER: "simulated",
        DEMO_MODE: "true",
        SMS_SIMULATED_DELAY_MS: "50-150",
        OTP_RESEND_SECONDS: "1",
        LOG_LEVEL: "warn",
        PORT: String(port),
      },
    });
    server = started;
    await waitForHttp(`${baseUrl}/api/health/ready`, {
      what: "the server is ready",
      timeoutMs: 90_000,
      intervalMs: 500,
      gaveUp: () => (started.exitCode !== null ? `the server exited with code ${started.exitCode}` : undefined),
    });

    console.log("== newman");
    const newman = spawnSync(
      newmanBin,
      [
        "run",
        "postman/phone-referrals.postman_collection.json",
        "--environment",
        "postman/local.postman_environment.json",
        "--env-var",
        `baseUrl=${baseUrl}`,
        "--color",
        "off",
      ],
      { cwd: root, stdio: "inherit" },
    );
    return newman.status ?? 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:postman: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
