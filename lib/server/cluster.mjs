// The production launcher: WEB_CONCURRENCY worker processes under node:cluster, each running the Next.js server,
// all accepting on one port. Plain JavaScript, outside the app's bundle, so that the image can run it as it is:
//   node cluster.mjs              next to the standalone server.js (the Docker image's CMD)
//   node lib/server/cluster.mjs next   `next start` of the classic build (npm start)
//
// - WEB_CONCURRENCY workers (default: os.availableParallelism(), which follows a container's CPU limit). With
//   WEB_CONCURRENCY=1, or without DATABASE_URL (the embedded PGlite is one process's file), the server runs
//   in this process, as before, and the log says why.
// - The first worker starts alone and applies the migrations; the others start once it has.
// - A worker that dies is replaced (after a pause if it died young); one that dies within 30 s of its start
//   without having reached the database (an invalid configuration, say) stops everything with its exit code
//   instead of a restart loop.
// - SIGTERM/SIGINT: every worker drains (lib/server/graceful-shutdown.ts); the launcher exits when they have.
// It reads WEB_CONCURRENCY, DATABASE_URL and SHUTDOWN_TIMEOUT_SECONDS itself: lib/config/env.ts validates them
// again in every worker, where a bad value stops the start with its name.
import cluster from "node:cluster";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const mode = process.argv[2] === "next" ? "next" : "standalone";
const YOUNG_MS = 30_000;

function log(level, msg, fields = {}) {
  const line = { level, time: new Date().toISOString(), service: "phone-referrals", pid: process.pid, role: "launcher", ...fields, msg };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function setting(name) {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function workerPlan() {
  const configured = setting("WEB_CONCURRENCY");
  const wanted = configured === undefined ? os.availableParallelism() : Number(configured);
  if (!Number.isInteger(wanted) || wanted < 1) {
    console.error(`[phone-referrals] Invalid configuration:\n  - WEB_CONCURRENCY: expected a whole number of at least 1, got "${configured}"`);
    process.exit(1);
  }
  if (!setting("DATABASE_URL")) {
    return { workers: 1, reason: "the embedded database (no DATABASE_URL) belongs to one process: one worker, whatever WEB_CONCURRENCY says" };
  }
  return { workers: wanted, reason: configured === undefined ? "WEB_CONCURRENCY unset: one per available CPU" : "WEB_CONCURRENCY" };
}

/** Runs the Next.js server in this process, recording its HTTP servers for the graceful shutdown. */
function runServer() {
  // lib/server/graceful-shutdown.ts handles the signals: it turns readiness off and closes the database pool.
  process.env.NEXT_MANUAL_SIG_HANDLE = "true";
  const state = (globalThis.__phoneReferralsLifecycle ??= { draining: false, servers: new Set(), managed: true });
  state.managed = true;
  const createServer = http.createServer;
  http.createServer = function recordedCreateServer(...args) {
    const server = createServer.apply(this, args);
    state.servers.add(server);
    return server;
  };
  if (mode === "standalone") {
    require(path.resolve("server.js"));
  } else {
    const nextBin = require.resolve("next/dist/bin/next");
    process.argv = [process.argv[0], nextBin, "start", ...process.argv.slice(3)];
    require(nextBin);
  }
}

function runPrimary(workers) {
  let stopping = false;
  const ready = new Set();
  const startedAt = new Map();

  const fork = () => {
    // glibc's default of 8 malloc arenas per core keeps what image decoding (sharp) freed; 2 halved it.
    const worker = cluster.fork({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" });
    startedAt.set(worker.id, Date.now());
    worker.on("message", (message) => {
      if (message?.phoneReferrals === "database-ready") ready.add(worker.id);
    });
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log(30, "all workers stopped");
        process.exit(0);
      }
      return;
    }
    const young = Date.now() - (startedAt.get(worker.id) ?? 0) < YOUNG_MS;
    if (young && !ready.has(worker.id)) {
      log(50, "a worker failed to start; stopping", { worker: worker.id, code, signal });
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = code || 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode);
      return;
    }
    log(50, "a worker died; starting another", { worker: worker.id, code, signal });
    setTimeout(() => {
      if (!stopping) fork();
    }, young ? 1000 : 0);
  });

  // The others start once the first has applied the migrations, or 30 s after it listens if the database is
  // down at start-up (each worker then retries on its own).
  const first = fork();
  let othersStarted = false;
  const startOthers = () => {
    if (othersStarted || stopping) return;
    othersStarted = true;
    for (let index = 1; index < workers; index++) fork();
  };
  first.on("message", (message) => {
    if (message?.phoneReferrals === "database-ready") startOthers();
  });
  first.once("listening", () => setTimeout(startOthers, 30_000).unref());

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log(30, "stopping: every worker finishes its requests in flight", { signal });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    const timeoutSeconds = Number(setting("SHUTDOWN_TIMEOUT_SECONDS") ?? 30) || 30;
    setTimeout(() => {
      log(50, "workers still running after the shutdown timeout; killing them");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, (timeoutSeconds + 5) * 1000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (cluster.isPrimary) {
  const { workers, reason } = workerPlan();
  log(30, workers === 1 ? "starting one server process" : `starting ${workers} workers`, { workers, reason, node: process.version });
  if (workers === 1) runServer();
  else runPrimary(workers);
} else {
  runServer();
}
