import type http from "node:http";
import { env } from "@/lib/config/env";
import { addServerHooks } from "./server-hooks";

/** The methods and request headers a browser app on a listed origin may use; cookies are never allowed across origins. */
export const CORS_ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
export const CORS_ALLOWED_HEADERS = "authorization, content-type";
/** Headers the app may read: rate limits' Retry-After and the request id to quote in a support request. */
export const CORS_EXPOSED_HEADERS = "Retry-After, X-Request-Id";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

function isCorsPath(pathname: string): boolean {
  return pathname.startsWith("/api/v1/");
}

function pathnameOf(target: string | undefined): string {
  try {
    return new URL(target ?? "/", "http://localhost").pathname;
  } catch {
    return "/";
  }
}

export interface CorsDecision {
  /** A preflight to answer now with 204 and these headers. */
  preflight: boolean;
  headers: Record<string, string>;
}

/**
 * The CORS headers of a request under /api/v1, from CORS_ORIGINS (exact origins): `Access-Control-Allow-Origin`
 * echoing a listed origin (never `*`, never with credentials), `Vary: Origin` whenever the answer depends on the
 * origin. A preflight (OPTIONS with Access-Control-Request-Method) from a listed origin is answered here; from any
 * other origin it gets no CORS header, so the browser refuses the call. Undefined when CORS has nothing to add.
 */
export function corsFor(request: { method: string; url: string | undefined; origin: string | undefined; requestMethod: string | undefined }): CorsDecision | undefined {
  const allowed = env().CORS_ORIGINS;
  if (allowed.length === 0 || !isCorsPath(pathnameOf(request.url))) return undefined;
  const listed = request.origin !== undefined && allowed.includes(request.origin);
  const preflight = listed && request.method === "OPTIONS" && request.requestMethod !== undefined;
  if (!listed) return { preflight: false, headers: { Vary: "Origin" } };
  if (preflight) {
    return {
      preflight: true,
      headers: {
        "Access-Control-Allow-Origin": request.origin!,
        "Access-Control-Allow-Methods": CORS_ALLOWED_METHODS,
        "Access-Control-Allow-Headers": CORS_ALLOWED_HEADERS,
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_SECONDS,
        Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        "Cache-Control": "no-store",
        "Content-Length": "0",
      },
    };
  }
  return { preflight: false, headers: { "Access-Control-Allow-Origin": request.origin!, "Access-Control-Expose-Headers": CORS_EXPOSED_HEADERS, Vary: "Origin" } };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Answers CORS preflights for /api/v1 and puts the CORS headers on every other /api/v1 answer, whether a route
 * handler or the API guard (404, 405) writes it: set on the Node.js response before anyone else sees the request.
 * Install before the API guard hook.
 */
export function installCorsHook(): void {
  addServerHooks("cors", {
    request: (request: http.IncomingMessage, response: http.ServerResponse) => {
      const decision = corsFor({
        method: request.method ?? "GET",
        url: request.url,
        origin: headerValue(request.headers.origin),
        requestMethod: headerValue(request.headers["access-control-request-method"]),
      });
      if (!decision) return false;
      if (decision.preflight) {
        response.writeHead(204, decision.headers).end();
        return true;
      }
      for (const [name, value] of Object.entries(decision.headers)) response.setHeader(name, value);
      return false;
    },
  });
}
