import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { clientAddress } from "./client-address";
import { PEER_ADDRESS_HEADER, peerAddressHeaderFor, readPeerAddress } from "./peer-address-hook";

function headers(peer: string | undefined, extra: Record<string, string> = {}): Headers {
  const result = new Headers(extra);
  if (peer !== undefined) result.set(...peerAddressHeaderFor(peer));
  return result;
}

function trustProxy(value: string): void {
  process.env.TRUST_PROXY = value;
  resetEnvCache();
}

afterEach(() => {
  delete process.env.TRUST_PROXY;
  resetEnvCache();
});

describe("clientAddress", () => {
  it("is the socket's address", () => {
    expect(clientAddress(headers("203.0.113.7"))).toBe("203.0.113.7");
    expect(clientAddress(headers("::ffff:203.0.113.7"))).toBe("203.0.113.7");
    expect(clientAddress(headers("2001:db8::1"))).toBe("2001:db8::1");
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY is on", () => {
    const spoofed = headers("203.0.113.7", { "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" });
    expect(clientAddress(spoofed)).toBe("203.0.113.7");
    trustProxy("false");
    expect(clientAddress(spoofed)).toBe("203.0.113.7");
  });

  it("behind a trusted proxy, takes the entry the proxy appended last", () => {
    trustProxy("true");
    expect(clientAddress(headers("10.0.0.2", { "x-forwarded-for": "198.51.100.1, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddress(headers("10.0.0.2", { "x-forwarded-for": "::ffff:203.0.113.9 ,  " }))).toBe("203.0.113.9");
    expect(clientAddress(headers("10.0.0.2", { "x-forwarded-for": " , " }))).toBe("10.0.0.2");
    expect(clientAddress(headers("10.0.0.2"))).toBe("10.0.0.2");
  });

  it("does not believe a peer header the hook did not write", () => {
    const forged = new Headers({ [PEER_ADDRESS_HEADER]: "0123456789abcdef 198.51.100.1" });
    expect(readPeerAddress(forged)).toBeUndefined();
    expect(clientAddress(forged)).toBe("unknown");
    expect(clientAddress(new Headers({ [PEER_ADDRESS_HEADER]: "198.51.100.1" }))).toBe("unknown");
    expect(clientAddress(new Headers())).toBe("unknown");
    const [name, value] = peerAddressHeaderFor("198.51.100.1");
    expect(clientAddress(new Headers({ [name]: value.split(" ")[0]! }))).toBe("unknown");
  });
});
