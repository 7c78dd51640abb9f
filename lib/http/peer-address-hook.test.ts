import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { installPeerAddressHook, PEER_ADDRESS_HEADER, readPeerAddress } from "./peer-address-hook";

const servers: http.Server[] = [];

/** A server on the first free port of this suite's range that answers with the address the hook stamped. */
async function start(): Promise<number> {
  const server = http.createServer((request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
    response.end(JSON.stringify({ peer: readPeerAddress(headers) ?? null }));
  });
  servers.push(server);
  for (let port = 3730; port < 3750; port++) {
    const listening = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (listening) return (server.address() as AddressInfo).port;
  }
  throw new Error("no free port in 3730-3749");
}

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("the peer address hook", () => {
  it("stamps the socket's address over whatever the client sent under that header", async () => {
    installPeerAddressHook();
    installPeerAddressHook();
    const port = await start();
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [PEER_ADDRESS_HEADER]: "guess 198.51.100.1", "x-forwarded-for": "198.51.100.2" },
    });
    expect(await response.json()).toEqual({ peer: "127.0.0.1" });
  });
});
