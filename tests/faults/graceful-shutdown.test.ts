import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppServer, uniquePhone } from "./support/app-server";
import { Cluster } from "./support/cluster";

let database: Cluster;

beforeAll(() => {
  database = new Cluster(Number(process.env.FAULTS_PG_PORT_4 ?? 5504));
  database.start();
});

afterAll(() => database?.destroy());

describe("graceful shutdown (SIGTERM) under the cluster launcher", () => {
  it.each([1, 2])("with %i worker(s): requests in flight finish, new connections are refused, the process exits 0", async (workers) => {
    const server = new AppServer(Number(process.env.FAULTS_APP_PORT_E ?? 3806), database.url, {
      launcher: true,
      env: { WEB_CONCURRENCY: String(workers), SMS_SIMULATED_DELAY_MS: "2000", SHUTDOWN_TIMEOUT_SECONDS: "20", LOG_LEVEL: "info" },
    });
    await server.start();
    // Every worker has started (and shares the port) before the signal.
    for (let waited = 0; server.output.split('"msg":"database ready').length - 1 < workers && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Code requests wait 2 s for their simulated SMS: they are in flight when the signal arrives.
    const inFlight = Array.from({ length: 6 }, () => server.request("POST", "/api/v1/auth/code", { json: { phone: uniquePhone() } }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    const exited = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();

    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    const stopped = server.output.split("\n").filter((line) => line.includes('"msg":"stopped"'));
    expect(stopped).toHaveLength(workers);
    if (workers > 1) {
      expect(server.output).toContain('"msg":"all workers stopped"');
      for (const line of stopped) expect(JSON.parse(line)).toHaveProperty("worker");
    }
  });
});
