import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { installGracefulShutdown } from "./graceful-shutdown";
import { isDraining, lifecycle } from "./lifecycle";

/** A server whose /slow answers after `ms`, and /hang never. */
async function listen(ms: number): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((request, response) => {
    if (request.url === "/hang") return;
    setTimeout(() => response.end("done"), request.url === "/slow" ? ms : 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  lifecycle().servers.add(server);
  lifecycle().managed = true;
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

afterEach(() => {
  for (const server of lifecycle().servers) server.closeAllConnections();
  lifecycle().servers.clear();
  lifecycle().draining = false;
  lifecycle().managed = false;
  process.removeAllListeners("SIGTERM");
  process.removeAllListeners("SIGINT");
});

describe("installGracefulShutdown", () => {
  it("turns readiness off, lets requests in flight finish, refuses new connections, then closes the pool and exits 0", async () => {
    const { url } = await listen(400);
    const events: string[] = [];
    const close = vi.fn(() => Promise.resolve(void events.push("pool closed")));
    const exit = vi.fn((code: number) => void events.push(`exit ${code}`));
    const shutdown = installGracefulShutdown({ timeoutSeconds: 10, close, exit });

    const agent = new http.Agent({ keepAlive: true });
    const get = (path: string) =>
      new Promise<string>((resolve, reject) => {
        http.get(`${url}${path}`, { agent }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve(body));
        }).on("error", reject);
      });
    expect(await get("/")).toBe("done"); // leaves an idle keep-alive connection behind
    const inFlight = get("/slow").then((body) => {
      events.push("in-flight answered");
      return body;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = shutdown();
    expect(isDraining()).toBe(true);
    await expect(fetch(`${url}/`)).rejects.toThrow();
    expect(await inFlight).toBe("done");
    await stopped;
    expect(events).toEqual(["in-flight answered", "pool closed", "exit 0"]);
    agent.destroy();
  });

  it("runs once however many signals arrive", async () => {
    await listen(0);
    const close = vi.fn(() => Promise.resolve());
    const exit = vi.fn();
    const shutdown = installGracefulShutdown({ timeoutSeconds: 10, close, exit });
    process.emit("SIGTERM");
    process.emit("SIGINT");
    await shutdown();
    expect(close).toHaveBeenCalledOnce();
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
  });

  it("cuts the connections and exits 1 when requests outlast the timeout", async () => {
    const { url } = await listen(0);
    const exit = vi.fn();
    const shutdown = installGracefulShutdown({ timeoutSeconds: 1, close: () => Promise.resolve(), exit });
    const hanging = fetch(`${url}/hang`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    void shutdown();
    expect(await hanging).toBeInstanceOf(Error);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it("under the launcher before the server exists, closes the pool and exits 0", async () => {
    lifecycle().managed = true;
    const exit = vi.fn();
    const close = vi.fn(() => Promise.resolve());
    await installGracefulShutdown({ timeoutSeconds: 10, close, exit })();
    expect(close).toHaveBeenCalledOnce();
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
  });

  it("without the launcher (a bare next start) only turns readiness off", async () => {
    const exit = vi.fn();
    const close = vi.fn(() => Promise.resolve());
    await installGracefulShutdown({ timeoutSeconds: 10, close, exit })();
    expect(isDraining()).toBe(true);
    expect(close).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });
});
