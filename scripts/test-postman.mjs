// npm run test:postman – the Postman collection against the production server (next start) on a fresh PostgreSQL database,
// with the default settings (only what production itself demands is set: a JWT_SECRET, and the simulated SMS, which
// needs DEMO_MODE=true there). The collection signs in distinct numbers, so it never waits for a resend cooldown.
// Builds first if there is no build. The database (on POSTMAN_DATABASE_URL, TEST_DATABASE_URL or the local server)
// is created for this run and dropped after it; the server is always stopped.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import postgres from "postgres";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/.bin/next");
const newmanBin = path.join(root, "node_modules/.bin/newman");
const adminUrl = process.env.POSTMAN_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url, server, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server did not become ready within ${timeoutMs / 1000} s`);
}

function stop(server) {
  if (!server || server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-server.pid, "SIGKILL");
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
      process.kill(-server.pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

async function main() {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("== no build found: npm run build");
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) return build.status ?? 1;
  }

  const name = `phone_referrals_postman_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  let server;
  const cleanUp = async () => {
    await stop(server);
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error) => console.error(`could not drop ${name}: ${error.message}`));
    await admin.end({ timeout: 5 });
  };
  const onSignal = (signal) => {
    void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const databaseUrl = new URL(adminUrl);
    databaseUrl.pathname = `/${name}`;
    const port = process.env.POSTMAN_PORT ? Number(process.env.POSTMAN_PORT) : await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    console.log(`== next start on ${baseUrl}, database ${name}`);
    server = spawn(nextBin, ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl.toString(),
        JWT_SECRET: randomBytes(48).toString("base64url"),
        SMS_PROVIDER: "simulated",
        DEMO_MODE: "true",
        LOG_LEVEL: "warn",
        PORT: String(port),
      },
    });
    await waitUntilReady(baseUrl, server);

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
  (error) => {
    console.error(`test:postman: ${error.message}`);
    process.exit(1);
  },
);
