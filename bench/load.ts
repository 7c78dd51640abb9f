// Bounded load on loopback with autocannon, and the server's resident memory sampled while it runs.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers other than the expected status, socket errors and timeouts. */
  errors: number;
  rssMb: number;
  note?: string;
}

export interface LoadOptions {
  name: string;
  url: string;
  method?: "GET" | "POST";
  connections: number;
  /** Seconds of load, or a fixed number of requests with `amount`. */
  duration?: number;
  amount?: number;
  /** Headers and body of each request (called once per request, so each may differ). */
  request: () => { headers: Record<string, string>; body?: string; path?: string };
  expectStatus: number;
  serverPid: number;
}

/** The resident set of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}

/** Samples a process's resident set every 100 ms until stopped; gives the peak. */
export function sampleRss(pid: number): () => number {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMb(pid));
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const stopSampling = sampleRss(options.serverPid);
  let unexpected = 0;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? "GET",
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const next = options.request();
          return { ...request, headers: { ...request.headers, ...next.headers }, ...(next.body ? { body: next.body } : {}), ...(next.path ? { path: next.path } : {}) };
        },
        onResponse: (status) => {
          if (status !== options.expectStatus) unexpected++;
        },
      },
    ],
  });
  const peak = stopSampling();
  return {
    name: options.name,
    connections: options.connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: unexpected + result.errors,
    rssMb: peak,
  };
}
