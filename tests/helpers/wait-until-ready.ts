// Waiting for something another process is starting (a server, a pooler, workers): one polling loop for the
// fault tests, the scripts (test:postman, test:standalone) and the bench.
import { createConnection } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface WaitOptions {
  /** What is awaited, for the error message: "/api/health/ready answers 200". */
  what: string;
  timeoutMs: number;
  /** Pause between two tries (default 200 ms). */
  intervalMs?: number;
  /** Checked before every try: why waiting longer is pointless (the process exited), or undefined. */
  gaveUp?: () => string | undefined;
  /** Appended to the error: the server's last lines of output, say. */
  context?: () => string;
}

/** Polls `condition` until it holds; returns how long that took, in milliseconds. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, options: WaitOptions): Promise<number> {
  const started = Date.now();
  const fail = (reason: string) => new Error(`${reason} while waiting until ${options.what}${options.context ? `:\n${options.context()}` : ""}`);
  for (;;) {
    const reason = options.gaveUp?.();
    if (reason !== undefined) throw fail(reason);
    if (await condition()) return Date.now() - started;
    if (Date.now() - started >= options.timeoutMs) throw fail(`${options.timeoutMs} ms passed`);
    await sleep(options.intervalMs ?? 200);
  }
}

export interface HttpProbe {
  /** The statuses that count as ready (default: 2xx). */
  accept?: (status: number) => boolean;
  /** How long one request may take (default 5 s). */
  requestTimeoutMs?: number;
}

/** Whether `url` answers a GET with an accepted status; false while nothing listens or the answer is late. */
export async function answers(url: string | URL, { accept = isSuccess, requestTimeoutMs = 5_000 }: HttpProbe = {}): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(requestTimeoutMs) });
    await response.body?.cancel();
    return accept(response.status);
  } catch {
    return false;
  }
}

/** Polls `url` until it answers with an accepted status (by default 2xx); returns how long that took. */
export function waitForHttp(url: string | URL, options: WaitOptions & HttpProbe): Promise<number> {
  return waitUntil(() => answers(url, options), options);
}

/** Whether something accepts TCP connections on `host:port`. */
export function acceptsConnections(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
