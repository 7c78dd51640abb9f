import { randomBytes } from "node:crypto";
import { addServerHooks } from "./server-hooks";

/**
 * Route handlers do not see the socket. This hook, installed once at server start (instrumentation.ts),
 * stamps every incoming request with the socket's address in a header, overwriting whatever a client
 * sent under that name. The value carries a per-process secret so a client cannot forge it either,
 * even for requests that arrived before the hook was installed.
 */
export const PEER_ADDRESS_HEADER = "x-phone-referrals-peer";

function secret(): string {
  const holder = globalThis as { __phoneReferralsPeerSecret?: string };
  holder.__phoneReferralsPeerSecret ??= randomBytes(16).toString("hex");
  return holder.__phoneReferralsPeerSecret;
}

export function installPeerAddressHook(): void {
  addServerHooks("peer-address", {
    request: (request) => {
      request.headers[PEER_ADDRESS_HEADER] = `${secret()} ${request.socket.remoteAddress ?? ""}`;
      return false;
    },
  });
}

/** The socket address stamped by the hook, or undefined for a header the hook did not write. */
export function readPeerAddress(headers: Headers): string | undefined {
  const value = headers.get(PEER_ADDRESS_HEADER);
  if (!value) return undefined;
  const [stamp, address] = value.split(" ", 2);
  return stamp === secret() && address ? address : undefined;
}

/** For tests that call route handlers directly, as the hook would have stamped them. */
export function peerAddressHeaderFor(address: string): [string, string] {
  return [PEER_ADDRESS_HEADER, `${secret()} ${address}`];
}
