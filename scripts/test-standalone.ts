// npm run test:standalone – the Docker image's steps, proven on the host (there is no Docker engine in CI).
//
// Reads the Dockerfile, runs its build stage's commands here (unless SKIP_BUILD=1 reuses a fresh standalone
// build), lays out its runtime stage's COPY lines in a scratch folder, and starts its CMD there with its ENV
// and user against a fresh PostgreSQL database: the smoke journey must pass, the start must fail without
// JWT_SECRET, SMS_PROVIDER or (for the simulated provider) DEMO_MODE, and the embedded PGlite must work from the traced files. Also validates
// docker-compose.yml. Environment: STANDALONE_DATABASE_URL or TEST_DATABASE_URL (a server where databases
// may be created; default postgres://postgres@127.0.0.1:5432/postgres), STANDALONE_PORT (default: a free
// port), SKIP_BUILD=1, KEEP_STANDALONE=1 (keep the scratch folder, as after any failure).
//
// This file is the running order; the checks live in scripts/standalone/.
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../tests/helpers/ports";
import { createScratchDatabase, LOCAL_POSTGRES_URL } from "../tests/helpers/scratch-database";
import { build } from "./standalone/build";
import { checkCompose } from "./standalone/check-compose";
import { checkDockerfile, checkEnvSample } from "./standalone/check-dockerfile";
import { firstFile, layOutAndCheck } from "./standalone/check-layout";
import {
  healthcheckPasses,
  imageEnvironment,
  migrationsApplied,
  pgliteServes,
  productionEnv,
  refusesToStartWithout,
  type ServerRun,
  startReady,
} from "./standalone/check-server";
import { parseDockerfile } from "./standalone/parse-dockerfile";
import { Reporter } from "./standalone/reporter";
import { imageIdentity } from "./standalone/run-server";
import { smokeJourney } from "./standalone/smoke-journey";

const repoRoot = path.resolve(__dirname, "..");
const reporter = new Reporter();
const started = Date.now();
const cleanups: (() => Promise<void> | void)[] = [];

async function main(): Promise<void> {
  const stages = parseDockerfile({ file: path.join(repoRoot, "Dockerfile") });
  const runtime = stages.at(-1)!;
  checkDockerfile({ stages, reporter });
  for (const check of checkCompose({ repoRoot })) {
    if (check.ok) reporter.pass(check.name);
    else reporter.fail(check.name, check.detail ?? "");
  }
  checkEnvSample({ repoRoot, reporter });

  if (!(await build({ stages, repoRoot, reporter }))) return;

  const scratch = mkdtempSync(path.join(tmpdir(), "standalone-"));
  chmodSync(scratch, 0o755);
  cleanups.push(() => {
    // On failure the layout and the servers' logs (logs/*.log) stay for a look.
    if (process.env.KEEP_STANDALONE === "1" || reporter.failed > 0) console.log(`      kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  });
  const layout = await layOutAndCheck({ stages, repoRoot, rootfs: path.join(scratch, "rootfs"), reporter });
  if (!layout) return;

  const identity = imageIdentity({ runtime, reporter });
  const baseEnv = imageEnvironment({ stages, repoRoot, reporter });
  const logs = path.join(scratch, "logs");
  mkdirSync(logs);
  const run: ServerRun = {
    reporter,
    layout,
    runtime,
    identity,
    port: Number(process.env.STANDALONE_PORT) || (await freePort()),
    logs,
    onCleanUp: (cleanup) => cleanups.push(cleanup),
  };

  for (const missing of ["JWT_SECRET", "SMS_PROVIDER", "DEMO_MODE"]) await refusesToStartWithout(run, baseEnv, missing);

  const database = await createScratchDatabase("standalone", { serverUrl: process.env.STANDALONE_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES_URL });
  cleanups.push(database.drop);
  reporter.info(`database ${database.name} on ${new URL(database.url).host}`);
  const serverEnv = productionEnv(run, { ...baseEnv, DATABASE_URL: database.url, SMS_SIMULATED_DELAY_MS: "0-50" });
  const server = await startReady(run, { env: serverEnv, label: "PostgreSQL", logName: "postgres.log" });
  if (server) {
    await healthcheckPasses(run, serverEnv, 0);
    await smokeJourney({
      baseUrl: server.url,
      reporter,
      activation: existsSync(path.join(repoRoot, "app/api/v1/profile/invite-code/route.ts")),
      publicFile: firstFile(path.join(layout.workdir, "public")),
    });
    await migrationsApplied(run, database.url);
    await server.stop();
    await healthcheckPasses(run, serverEnv, 1);
  }

  // PGlite: no DATABASE_URL, a writable PGLITE_DIR (in the image: a mounted volume or /tmp).
  const pgliteDir = path.join(scratch, "pglite-data");
  mkdirSync(pgliteDir);
  if (identity.uid !== undefined) chownSync(pgliteDir, identity.uid, identity.gid ?? identity.uid);
  const pgliteEnv = Object.fromEntries(Object.entries({ ...serverEnv, PGLITE_DIR: path.join(pgliteDir, "db") }).filter(([key]) => key !== "DATABASE_URL"));
  const embedded = await startReady(run, { env: pgliteEnv, label: "PGlite", logName: "pglite.log" });
  if (embedded) {
    await pgliteServes(run, embedded);
    await embedded.stop();
  }
}

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      reporter.fail("clean-up", error instanceof Error ? error.message : String(error));
    }
  }
  cleanups.length = 0;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

async function run(): Promise<void> {
  try {
    await main();
  } catch (error) {
    reporter.fail("test:standalone", error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await cleanUp();
  }
  console.log(`      ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(reporter.summary("standalone"));
  process.exitCode = reporter.failed > 0 ? 1 : 0;
}

void run();
