// npm run bench – the service at scale on this machine, not part of the test suite.
//
// Builds the Docker image's standalone server (unless SKIP_BUILD=1), seeds a PostgreSQL database with
// 1,000,000 users (bench/seed.ts), lays the runtime out as the Dockerfile does and starts it as the container
// would (`node cluster.mjs` with WEB_CONCURRENCY=1, NODE_ENV=production), then runs bounded load on loopback: autocannon for the
// profile, a deep invitee page, activations and the admin stats; 1,000 simultaneous code requests with the
// default 1–2 s simulated SMS delay. The same profile load then runs against a bare node:http + postgres.js
// handler (bench/bare-profile-server.ts), the practical limit. Prints a table and writes it into
// bench/RESULTS.md between its bench markers, with the machine and the date. Then the scale scenarios
// (bench/scale.ts): WEB_CONCURRENCY 1 and 2 side by side, two replicas through PgBouncer, memory per worker.
//
// Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pr_bench; the database is
// dropped and created again), BENCH_REUSE_SEED=1 (keep a database this version already seeded),
// BENCH_DURATION (seconds per autocannon run, default 10), SKIP_BUILD=1, BENCH_PORT (default 3900; the scale
// scenarios also use the next two and +10 for PgBouncer), BENCH_ONLY=scale (the scale scenarios alone),
// BENCH_CPU_PROFILE=1 (the app runs under node --cpu-prof; the profile lands in bench/profiles/ and its
// summary, from bench/summarize-profile.ts, is printed: where the server's CPU time went over the whole run).
//
// This file is the running order: bench/server.ts builds, lays out, starts and stops the servers;
// bench/seed.ts prepares the database, bench/fixtures.ts what the requests name; bench/scenarios.ts and
// bench/scale.ts run the load; bench/report.ts writes the results.
import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { makeFixtures } from "./fixtures";
import type { LoadResult } from "./load";
import { describeMachine, printProfileSummary, reportLines, writeResults } from "./report";
import { runScaleScenarios, scaleReport } from "./scale";
import { appScenarios, bareScenario } from "./scenarios";
import { prepareDatabase } from "./seed";
import { buildStandalone, imageNode, layOutImage, startServerProcess } from "./server";

const repoRoot = path.resolve(__dirname, "..");
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/pr_bench";
const duration = Number(process.env.BENCH_DURATION ?? 10);
const port = Number(process.env.BENCH_PORT ?? 3900);
const jwtSecret = randomBytes(48).toString("base64url");
process.env.JWT_SECRET = jwtSecret;

const log = (line: string) => console.log(`[bench] ${line}`);
const node = imageNode(repoRoot);
/** What every server of the bench is started with. */
const serverEnv = { PORT: String(port), DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret };

async function main(): Promise<void> {
  buildStandalone(repoRoot, log);
  await prepareDatabase(databaseUrl, log);
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => undefined });
  try {
    const fixtures = await makeFixtures(sql, log);
    const results: LoadResult[] = [];
    const runtime = layOutImage(repoRoot);
    const profileDir = path.join(__dirname, "profiles");
    const cpuProfile = process.env.BENCH_CPU_PROFILE === "1" ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    const scale = () => runScaleScenarios({ sql, workdir: runtime.workdir, node, nodeOptions: cpuProfile, databaseUrl, jwtSecret, port, duration: Math.max(duration, 15), log });
    if (process.env.BENCH_ONLY === "scale") {
      const lines = scaleReport(await scale());
      console.log(`\n${lines.join("\n")}\n`);
      if (cpuProfile.length) printProfileSummary(profileDir, log);
      return;
    }

    const app = await startServerProcess({
      name: "app",
      command: [node, ...cpuProfile, "cluster.mjs"],
      cwd: runtime.workdir,
      env: { ...serverEnv, HOSTNAME: "127.0.0.1", SMS_PROVIDER: "simulated", DEMO_MODE: "true", WEB_CONCURRENCY: "1", SMS_MAX_PER_HOUR: "100000" },
      port,
      readyPath: "/api/health",
      accept: (status) => status === 200,
      startTimeoutMs: 60_000,
      stopTimeoutMs: 5_000,
    });
    log(`app started (pid ${app.pid}); its output is in ${app.logFile}`);
    try {
      results.push(...(await appScenarios({ pid: app.pid, port, fixtures, duration, log })));
    } finally {
      await app.stop();
    }
    if (cpuProfile.length) printProfileSummary(profileDir, log);

    const bare = await startServerProcess({
      name: "bare",
      command: [node, "--import", "tsx", path.join(__dirname, "bare-profile-server.ts")],
      cwd: repoRoot,
      env: serverEnv,
      port,
      readyPath: "/",
      // It answers 401 to a request without a token: it is up.
      accept: (status) => status === 200 || status === 401,
      startTimeoutMs: 60_000,
      stopTimeoutMs: 5_000,
    });
    log(`bare started (pid ${bare.pid}); its output is in ${bare.logFile}`);
    try {
      results.push(await bareScenario({ pid: bare.pid, port, fixtures, duration }));
    } finally {
      await bare.stop();
    }
    log("scale scenarios: WEB_CONCURRENCY 1 and 2, two replicas through PgBouncer");
    const scaleResults = await scale();
    const lines = reportLines(results, await describeMachine({ sql, node, duration }), scaleResults);
    console.log(`\n${lines.join("\n")}\n`);
    const file = path.join(__dirname, "RESULTS.md");
    writeResults(file, lines);
    log(`wrote ${path.relative(repoRoot, file)}`);
  } finally {
    await sql.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
