// 1,000 people asking for a sign-in code at the same moment: one request each, from 1,000 loopback addresses
// (127.1.x.y; Linux routes all of 127/8 to loopback), so that the per-address limit sees distinct clients as
// it would in production. Every request opens its own connection; the clock runs from the first send to the
// last answer. The same burst of GET /api/health shows what 1,000 fresh connections cost the server alone.
import http from "node:http";
import { type LoadResult, sampleRss } from "./load";

export interface BurstOptions {
  name: string;
  port: number;
  serverPid: number;
  count: number;
  method: "GET" | "POST";
  path: string;
  /** The JSON body of request number `index`, for a POST. */
  body?: (index: number) => unknown;
}

export async function burst({ name, port, serverPid, count, method, path, body }: BurstOptions): Promise<LoadResult & { wallMs: number }> {
  const stopSampling = sampleRss(serverPid);
  const started = performance.now();
  const latencies: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      new Promise<void>((resolve) => {
        const payload = body ? JSON.stringify(body(index)) : "";
        const sent = performance.now();
        const request = http.request(
          {
            host: "127.0.0.1",
            port,
            method,
            path,
            localAddress: `127.1.${Math.floor(index / 250)}.${(index % 250) + 1}`,
            agent: false,
            headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {},
            timeout: 10_000,
          },
          (response) => {
            response.resume();
            response.on("end", () => {
              latencies.push(performance.now() - sent);
              if (response.statusCode !== 200) errors++;
              resolve();
            });
          },
        );
        request.on("timeout", () => request.destroy(new Error("timeout")));
        request.on("error", () => {
          errors++;
          resolve();
        });
        request.end(payload);
      }),
    ),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    name,
    connections: count,
    requests: count,
    requestsPerSecond: count / (wallMs / 1000),
    p50: percentile(50),
    p99: percentile(99),
    errors,
    rssMb: stopSampling(),
    wallMs,
  };
}
