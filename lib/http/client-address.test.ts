import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { clientAddress, clientIp } from "./client-address";
import { PEER_ADDRESS_HEADER, peerAddressHeaderFor, readPeerAddress } from "./peer-address-hook";

function headers(peer: string | undefined, extra: Record<string, string> = {}): Headers {
  const result = new Headers(extra);
  if (peer !== undefined) result.set(...peerAddressHeaderFor(peer));
  return result;
}

function trustProxy(value: string, hops?: number): void {
  process.env.TRUST_PROXY = value;
  if (hops !== undefined) process.env.TRUST_PROXY_HOPS = String(hops);
  resetEnvCache();
}

afterEach(() => {
  delete process.env.TRUST_PROXY;
  delete process.env.TRUST_PROXY_HOPS;
  resetEnvCache();
});

describe("clientAddress", () => {
  it("is the socket's address, IPv6 by its /64", () => {
    expect(clientAddress(headers("203.0.113.7"))).toBe("203.0.113.7");
    expect(clientAddress(headers("::ffff:203.0.113.7"))).toBe("203.0.113.7");
    expect(clientAddress(headers("2001:db8::1"))).toBe("2001:db8:0:0::/64");
    expect(clientIp(headers("2001:db8::1"))).toBe("2001:db8::1");
    expect(clientAddress(headers("not-an-address"))).toBe("unknown");
    expect(clientIp(headers("not-an-address"))).toBe("unknown");
  });

  it("puts every spelling of one IPv6 /64 in one bucket", () => {
    trustProxy("true");
    const keys = ["2001:db8::1", "2001:DB8::1", "2001:0db8:0000::1", "2001:db8::2", "2001:db8:0:0:ffff::9"].map((forwarded) =>
      clientAddress(headers("10.0.0.2", { "x-forwarded-for": forwarded })),
    );
    expect(new Set(keys)).toEqual(new Set(["2001:db8:0:0::/64"]));
    expect(clientAddress(headers("10.0.0.2", { "x-forwarded-for": "2001:db8:0:1::1" }))).toBe("2001:db8:0:1::/64");
    expect(clientAddress(headers("10.0.0.2", { "x-forwarded-for": "::ffff:102:304" }))).toBe("1.2.3.4");
  });

  it("falls back to the socket's address for anything unparsable in X-Forwarded-For", () => {
    trustProxy("true");
    for (const junk of ["junk", "203.0.113.7 junk", "1.2.3.256", "unknown", "2001:db8::1::2", "198.51.100.1, garbage"]) {
      expect(clientAddress(headers("10.0.0.2", { "x-forwarded-for": junk })), junk).toBe("10.0.0.2");
    }
    expect(clientAddress(headers(undefined, { "x-forwarded-for": "junk" }))).toBe("unknown");
  });

  it("takes the entry TRUST_PROXY_HOPS from the right", () => {
    trustProxy("true", 2);
    const forwarded = { "x-forwarded-for": "198.51.100.1, 203.0.113.7, 10.0.0.9" };
    expect(clientAddress(headers("10.0.0.2", forwarded))).toBe("203.0.113.7");
    // Fewer entries than hops: the leftmost entry was still written by a trusted proxy.
    expect(clientAddress(headers("10.0.0.2", { "x-forwarded-for": "203.0.113.8" }))).toBe("203.0.113.8");
    trustProxy("true", 1);
    expect(clientAddress(headers("10.0.0.2", forwarded))).toBe("10.0.0.9");
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
