import { randomBytes } from "node:crypto";
import http from "node:http";

/**
 * Route handlers do not see the socket. This hook, installed once at server start (instrumentation.ts),
 * stamps every incoming request with the socket's address in a header, overwriting whatever a client
 * sent under that name. The value carries a per-process secret so a client cannot forge it either,
 * even for requests that arrived before the hook was installed.
 */
export const PEER_ADDRESS_HEADER = "x-phone-referrals-peer";

interface PeerState {
  secret: string;
  installed: boolean;
}

function state(): PeerState {
  const holder = globalThis as { __phoneReferralsPeer?: PeerState };
  holder.__phoneReferralsPeer ??= { secret: randomBytes(16).toString("hex"), installed: false };
  return holder.__phoneReferralsPeer;
}

export function installPeerAddressHook(): void {
  const peer = state();
  if (peer.installed) return;
  peer.installed = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the server as `this`
  const originalEmit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = `${peer.secret} ${request.socket.remoteAddress ?? ""}`;
    }
    return originalEmit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

/** The socket address stamped by the hook, or undefined for a header the hook did not write. */
export function readPeerAddress(headers: Headers): string | undefined {
  const value = headers.get(PEER_ADDRESS_HEADER);
  if (!value) return undefined;
  const [secret, address] = value.split(" ", 2);
  return secret === state().secret && address ? address : undefined;
}

/** For tests that call route handlers directly, as the hook would have stamped them. */
export function peerAddressHeaderFor(address: string): [string, string] {
  return [PEER_ADDRESS_HEADER, `${state().secret} ${address}`];
}
