import type { Server } from "node:http";
import { logger } from "@/lib/log/logger";
import { lifecycle } from "./lifecycle";

interface GracefulShutdownInput {
  timeoutSeconds: number;
  /** Runs once the servers have closed: the database pool. */
  close: () => Promise<void>;
  /** Replaced in tests. */
  exit?: (code: number) => void;
}

const IDLE_SWEEP_MS = 100;

/**
 * On SIGTERM or SIGINT: readiness turns 503 at once, the servers stop accepting connections, requests in
 * flight finish (a code request waiting for its SMS included), keep-alive connections are closed as soon as
 * they are idle, then the database pool closes and the process exits 0. If that takes longer than
 * `timeoutSeconds`, every connection is cut and the process exits 1.
 *
 * The servers come from the launcher (lib/server/cluster.mjs), which also tells Next.js to leave the signals
 * to us (NEXT_MANUAL_SIG_HANDLE). Under a bare `next start` Next.js closes its own server and exits, and this
 * only turns readiness to 503 and bounds the wait.
 */
export function installGracefulShutdown({ timeoutSeconds, close, exit = (code) => process.exit(code) }: GracefulShutdownInput): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => (stopping ??= drain({ signal, timeoutSeconds, close, exit }));
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutdown(signal));
  return () => shutdown("test");
}

async function drain({ signal, timeoutSeconds, close, exit }: Required<GracefulShutdownInput> & { signal: string }): Promise<void> {
  const state = lifecycle();
  state.draining = true;
  const servers = [...state.servers];
  logger().info({ signal, timeoutSeconds, servers: servers.length }, "shutting down: not ready, finishing requests in flight");
  const deadline = setTimeout(() => {
    logger().error({ timeoutSeconds }, "requests still in flight at the shutdown timeout; closing their connections");
    for (const server of servers) server.closeAllConnections();
    exit(1);
  }, timeoutSeconds * 1000);
  deadline.unref();
  // Under a bare `next start` Next.js closes its server and exits by itself.
  if (!state.managed) return;
  await Promise.all(servers.map(closeServer));
  try {
    await close();
  } catch (error) {
    logger().warn({ err: error }, "closing the database pool failed");
  }
  clearTimeout(deadline);
  logger().info("stopped");
  exit(0);
}

/** Stops accepting, and closes keep-alive connections as they fall idle, until the last request has ended. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
