import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** Addresses a webhook may not reach unless private networks are allowed: everything that is not the internet. */
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64: an IPv4 address inside
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

/** True for an address on the public internet. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) count as their IPv4. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return !internal.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class WebhookTargetRefused extends Error {
  override name = "WebhookTargetRefused";
}

export interface ResolvedTarget {
  url: URL;
  /** The checked address the connection must use, so a second DNS answer cannot swap it. */
  address: string;
  family: 4 | 6;
}

type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Checks a target URL and resolves its host: `https` only and every resolved address public, unless private
 * networks are allowed (then `http`, loopback and private addresses too). Run at registration and again at every
 * attempt, whose connection then goes to the address checked here.
 */
export async function resolveWebhookTarget({
  url: text,
  allowPrivate,
  resolve = systemResolver,
}: {
  url: string;
  allowPrivate: boolean;
  resolve?: Resolver;
}): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookTargetRefused("The URL is not valid.");
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    throw new WebhookTargetRefused(allowPrivate ? "Only http and https URLs are allowed." : "Only https URLs are allowed.");
  }
  if (url.username || url.password) throw new WebhookTargetRefused("The URL must not hold a user name or password.");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new WebhookTargetRefused(`The host ${host} does not resolve.`);
  }
  if (!allowPrivate) {
    const inward = addresses.find(({ address }) => !isPublicAddress(address));
    if (inward) throw new WebhookTargetRefused(`${host} resolves to ${inward.address}, a private, loopback or reserved address.`);
  }
  const [first] = addresses as [{ address: string; family: number }];
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
