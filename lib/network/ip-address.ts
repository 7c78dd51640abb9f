import { isIP } from "node:net";

/** `[2001:db8::1]:443` and `203.0.113.7:5678` (some proxies write the client's port too) without the port. */
function withoutPort(text: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  return ipv4WithPort ? ipv4WithPort[1]! : text;
}

/** The eight 16-bit groups of an IPv6 address that node:net has already accepted. */
export function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const embedded = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (embedded) {
    const [a, b, c, d] = embedded.slice(2).map(Number) as [number, number, number, number];
    text = `${embedded[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part ? part.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** RFC 5952: lower case, no leading zeros, the longest run (two or more) of zero groups written as `::`. */
export function formatIpv6(groups: number[]): string {
  let best = { start: -1, length: 0 };
  for (let start = 0; start < groups.length; ) {
    let end = start;
    while (end < groups.length && groups[end] === 0) end += 1;
    if (end - start > best.length) best = { start, length: end - start };
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.length < 2) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

function isIpv4Mapped(groups: number[]): boolean {
  return groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
}

/**
 * One spelling per address: IPv4 in dotted decimal, IPv6 per RFC 5952, an IPv4-mapped IPv6 address
 * (`::ffff:1.2.3.4`, `::ffff:102:304`) as the IPv4 address it is; undefined for anything that is not an address.
 */
export function canonicalIp(raw: string): string | undefined {
  const text = withoutPort(raw.trim());
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return undefined;
  const groups = ipv6Groups(text);
  if (isIpv4Mapped(groups)) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  return formatIpv6(groups);
}

/**
 * The key of per-address limits for a canonical address: an IPv4 address itself, an IPv6 address its /64
 * (`2001:db8:0:0::/64`), since one subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function addressNetwork(ip: string): string {
  if (!ip.includes(":")) return ip;
  return `${ipv6Groups(ip).slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
}
