import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/content-security-policy";

// Every page gets a fresh nonce: Next.js reads it from the request's Content-Security-Policy header and puts it on
// the inline scripts it renders (see lib/http/content-security-policy.ts). Prefetches too (`next-router-prefetch`,
// `Purpose: prefetch`): their answer is the page's HTML or RSC payload, which the browser may show or use as it is.
// API routes (and /.well-known/jwks.json) and static files get their headers from next.config.mjs; /redoc (a route handler serving static HTML)
// sets its own policy in app/redoc/route.ts.
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  // NODE_ENV is replaced by Next.js at build time; `next dev` needs 'unsafe-eval' for React's dev tooling.
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!api/|\\.well-known/|redoc|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
