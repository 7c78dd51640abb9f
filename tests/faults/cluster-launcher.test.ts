import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../helpers/wait-until-ready";
import { AppServer, signIn } from "./support/app-server";
import { Cluster } from "./support/cluster";

let database: Cluster;

beforeAll(() => {
  database = new Cluster(Number(process.env.FAULTS_PG_PORT_5 ?? 5505));
  database.start();
});

afterAll(() => database?.destroy());

function workerPids(launcherPid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(launcherPid)]).toString().trim().split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const readyWorkers = (server: AppServer) => server.output.split('"msg":"database ready').length - 1;

describe("the cluster launcher (npm start, the image's CMD)", () => {
  it("runs WEB_CONCURRENCY workers on one port, replaces one that dies, and logs each line with its worker", async () => {
    const server = new AppServer(Number(process.env.FAULTS_APP_PORT_F ?? 3807), database.url, {
      launcher: true,
      env: { WEB_CONCURRENCY: "2", LOG_LEVEL: "info" },
    });
    await server.start();
    try {
      const waiting = { timeoutMs: 30_000, intervalMs: 100 };
      await waitUntil(() => workerPids(server.pid!).length === 2 && readyWorkers(server) === 2, { ...waiting, what: "two workers are ready" });
      const [victim] = workerPids(server.pid!);
      process.kill(victim!, "SIGKILL");
      await waitUntil(() => server.output.includes('"msg":"a worker died; starting another"'), { ...waiting, what: "the launcher notices the death" });
      await waitUntil(() => workerPids(server.pid!).length === 2 && !workerPids(server.pid!).includes(victim!) && readyWorkers(server) === 3, {
        ...waiting,
        what: "a replacement worker is ready",
      });
      // Both the survivor and the replacement serve: a sign-in and its profile read.
      const session = await signIn(server, server);
      for (let index = 0; index < 10; index++) expect((await server.request("GET", "/api/v1/profile", { token: session.accessToken })).status).toBe(200);
      const requestLines = server.output.split("\n").filter((line) => line.includes('"msg":"request"'));
      expect(new Set(requestLines.map((line) => (JSON.parse(line) as { worker: number }).worker)).size).toBeGreaterThanOrEqual(1);
      expect(requestLines.every((line) => "worker" in JSON.parse(line))).toBe(true);
      expect(server.output).toContain('"msg":"starting 2 workers"');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("runs one process on the embedded database, whatever WEB_CONCURRENCY says, and says so", async () => {
    const server = new AppServer(Number(process.env.FAULTS_APP_PORT_F ?? 3807), "", {
      launcher: true,
      env: { WEB_CONCURRENCY: "4", LOG_LEVEL: "info", PGLITE_DIR: `${database.dir}/pglite-launcher` },
    });
    await server.start();
    try {
      expect(workerPids(server.pid!)).toEqual([]);
      expect(server.output).toContain("the embedded database (no DATABASE_URL) belongs to one process");
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("stops with the worker's exit code, naming the variable, when the configuration is invalid", async () => {
    const server = new AppServer(Number(process.env.FAULTS_APP_PORT_F ?? 3807), database.url, {
      launcher: true,
      env: { WEB_CONCURRENCY: "2", JWT_SECRET: "short" },
    });
    await expect(server.start()).rejects.toThrow(/exited/);
    expect(server.output).toContain("JWT_SECRET: JWT_SECRET must be set to at least 32 characters in production");
    expect(server.output).toContain("a worker failed to start; stopping");
  });
});
