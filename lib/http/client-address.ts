import { env } from "@/lib/config/env";
import { readPeerAddress } from "./peer-address-hook";

const UNKNOWN = "unknown";

function normalise(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith("::ffff:") ? trimmed.slice("::ffff:".length) : trimmed;
}

/**
 * The client's address for rate limits: the socket's, unless TRUST_PROXY is on, in which case the entry
 * our proxy appended last to X-Forwarded-For (entries before it are whatever the client claimed).
 */
export function clientAddress(headers: Headers): string {
  if (env().TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-for");
    const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
    if (last) return normalise(last);
  }
  const peer = readPeerAddress(headers);
  return peer ? normalise(peer) : UNKNOWN;
}
