import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * For requests authenticated by cookie: an unsafe method must come from our own origin, shown by
 * Sec-Fetch-Site or, from older browsers, by Origin matching the Host. Neither header means no proof.
 */
export function assertSameOrigin(request: Request): void {
  if (!isUnsafeMethod(request.method)) return;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) {
    if (fetchSite === "same-origin") return;
    throw rejected(`Sec-Fetch-Site is "${fetchSite}"`);
  }
  const origin = request.headers.get("origin");
  if (!origin) throw rejected("the request has neither Origin nor Sec-Fetch-Site");
  const host = (env().TRUST_PROXY && request.headers.get("x-forwarded-host")) || request.headers.get("host");
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (!host || originHost !== host) throw rejected(`Origin ${origin.slice(0, 100)} is not this site`);
}

function rejected(reason: string): ApiError {
  return new ApiError(
    "csrf_rejected",
    `A cookie-authenticated request that changes data must come from this site (${reason}). API clients should use Authorization: Bearer.`,
  );
}
