import { env } from "@/lib/config/env";
import { addressNetwork, canonicalIp } from "@/lib/network/ip-address";
import { readPeerAddress } from "./peer-address-hook";

const UNKNOWN = "unknown";

/** The X-Forwarded-For entry TRUST_PROXY_HOPS from the right: the one our outermost trusted proxy appended. */
function forwardedIp(headers: Headers, hops: number): string | undefined {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  // Fewer entries than proxies: the request met fewer of them, and the leftmost was still written by one.
  const entry = entries.at(-hops) ?? entries[0];
  return entry === undefined ? undefined : canonicalIp(entry);
}

/**
 * The client's canonical IP address: the socket's, unless TRUST_PROXY is on, in which case the entry our proxies
 * appended to X-Forwarded-For (entries before it are whatever the client claimed). Anything unparsable there
 * falls back to the socket's address, so junk in the header cannot make a fresh rate-limit bucket.
 */
export function clientIp(headers: Headers): string {
  const config = env();
  const forwarded = config.TRUST_PROXY ? forwardedIp(headers, config.TRUST_PROXY_HOPS) : undefined;
  if (forwarded) return forwarded;
  const peer = readPeerAddress(headers);
  return (peer && canonicalIp(peer)) ?? UNKNOWN;
}

/** The client's key for per-address rate limits: its canonical IPv4 address or its IPv6 /64. */
export function clientAddress(headers: Headers): string {
  const ip = clientIp(headers);
  return ip === UNKNOWN ? UNKNOWN : addressNetwork(ip);
}
