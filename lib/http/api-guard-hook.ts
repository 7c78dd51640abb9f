import { randomUUID } from "node:crypto";
import http from "node:http";
import type { Duplex } from "node:stream";
import { env } from "@/lib/config/env";
import { refuseRequest, type Refusal } from "./api-routes";
import { problemBody } from "./problem-response";
import { addServerHooks } from "./server-hooks";

// The headers next.config.mjs gives every API response (the hook answers before Next.js could add them);
// lib/http/api-guard-hook.test.ts keeps the two lists equal.
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const COMMON_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};
const PRODUCTION_HEADERS: Record<string, string> = { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" };

export interface RefusalAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function refusalAnswer(refusal: Refusal, { production }: { production: boolean }): RefusalAnswer {
  const requestId = randomUUID();
  const body = JSON.stringify({ ...problemBody(refusal.error.code, refusal.error.message), requestId });
  return {
    status: refusal.error.status,
    headers: {
      ...COMMON_HEADERS,
      ...(production ? PRODUCTION_HEADERS : {}),
      "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
      "Content-Type": "application/problem+json; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      "Cache-Control": "no-store",
      "X-Request-Id": requestId,
      ...(refusal.allow ? { Allow: refusal.allow.join(", ") } : {}),
    },
    body,
  };
}

function pathnameOf(target: string | undefined): string {
  try {
    return new URL(target ?? "/", "http://localhost").pathname;
  } catch {
    return "/";
  }
}

/** Next.js redirects `/api/health/` to `/api/health`: a trailing slash is matched without it. */
function routePathname(target: string | undefined): string {
  const pathname = pathnameOf(target);
  return pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
}

/** The refusal for a request that no route handler can serve, or undefined to let Next.js answer it. */
export function refusalFor(request: Pick<http.IncomingMessage, "method" | "url">): Refusal | undefined {
  return refuseRequest({ method: request.method ?? "GET", pathname: routePathname(request.url) });
}

function answerConnect(request: http.IncomingMessage, socket: Duplex): void {
  // CONNECT is no route handler's method: there is always a refusal.
  const refusal = refusalFor(request)!;
  const { status, headers, body } = refusalAnswer(refusal, { production: env().NODE_ENV === "production" });
  const head = Object.entries({ ...headers, Connection: "close" }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${head.join("")}\r\n${body}`);
}

/**
 * Answers, before Next.js sees them, the requests no route handler can serve, in problem+json: a path under /api
 * that no route serves (`404 not_found`; Next.js would render its HTML 404 page), a method the route does not
 * export (`405 method_not_allowed` with `Allow`; Next.js answers a bare 405), and methods Next.js cannot take at
 * all on any path: TRACE (a 500 with a stack trace, since fetch's Request refuses it), CONNECT (the connection
 * dropped), PROPFIND and the like (Node.js itself refuses methods it does not know with a 400). Done here rather than in proxy.ts, which would make Next.js read
 * every request body to its end before the handler could refuse it. Installed once at server start.
 */
export function installApiGuardHook(): void {
  addServerHooks("api-guard", {
    // Node.js drops a CONNECT unless its server listens for one: listen, to answer it like any other method.
    server: (server) => {
      if (server.listenerCount("connect") === 0) server.on("connect", answerConnect);
    },
    request: (request, response) => {
      const refusal = refusalFor(request);
      if (!refusal) return false;
      const { status, headers, body } = refusalAnswer(refusal, { production: env().NODE_ENV === "production" });
      response.writeHead(status, headers).end(body);
      return true;
    },
  });
}
