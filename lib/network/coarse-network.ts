import { canonicalIp, formatIpv6, ipv6Groups } from "./ip-address";

/**
 * Where a session signed in from, no closer than a person needs to recognise it: an IPv4 address's /24
 * (`203.0.113.0/24`), an IPv6 address's /48 (`2001:db8:1::/48`, a site); null when the address is unknown.
 */
export function coarseNetwork(ip: string | null): string | null {
  const canonical = ip ? canonicalIp(ip) : undefined;
  if (!canonical) return null;
  if (!canonical.includes(":")) return `${canonical.split(".").slice(0, 3).join(".")}.0/24`;
  return `${formatIpv6([...ipv6Groups(canonical).slice(0, 3), 0, 0, 0, 0, 0])}/48`;
}
