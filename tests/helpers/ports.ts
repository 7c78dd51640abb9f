// Ports for the tests' and scripts' servers: a fixed range for the in-process servers of the integration
// tests, any free port for the scripts' child processes.
import type { Server } from "node:http";
import { type AddressInfo, createServer } from "node:net";

// This project's test servers use 3700-3729: the first half for the PGlite run, the second for PostgreSQL,
// so that both runs can work at the same time (the unit tests use 3730-3749).
const RANGES = { pglite: [3700, 3715], postgres: [3715, 3730] } as const;

/** Listens on the first free port of this run's range and returns it. */
export async function listenInRange(server: Server): Promise<number> {
  const [from, to] = RANGES[process.env.TEST_DB === "postgres" ? "postgres" : "pglite"];
  for (let port = from; port < to; port++) {
    const listening = await new Promise<boolean>((resolve) => {
      const onError = () => resolve(false);
      server.once("error", onError);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", onError);
        resolve(true);
      });
    });
    if (listening) return (server.address() as AddressInfo).port;
  }
  throw new Error(`No free port in ${from}-${to - 1}`);
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/**
 * A port the system reports free on 127.0.0.1, for a server that another process will start. (Another
 * process could take it in between; the scripts that use it accept that small race.)
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
