/**
 * The Content-Security-Policy of the HTML pages, set per request by proxy.ts with a fresh nonce.
 *
 * Next.js App Router puts inline <script> tags into every page (the RSC payload for hydration). Instead of
 * allowing every inline script ('unsafe-inline'), each page response names a nonce that Next.js copies onto its
 * own scripts and styles; an injected script cannot know it. 'strict-dynamic' lets those trusted scripts load
 * the page's chunks; 'self' is the fallback for browsers without CSP level 3. The price: pages cannot be
 * prerendered (a static page has no per-request nonce), so the root layout renders every page on request —
 * fine for four small pages, most of which read the session cookie anyway.
 */
export interface CspOptions {
  nonce: string;
  /**
   * `next dev` only: React needs eval for its error overlay and stack reconstruction, and the development
   * overlay and route indicator style their shadow DOM with inline <style> elements that carry no nonce.
   * Never in production.
   */
  development: boolean;
}

type Directives = Record<string, string[]>;

function basePolicy(nonce: string, development: boolean): Directives {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // In development 'unsafe-inline' without the nonce (a nonce would make browsers ignore 'unsafe-inline'), so
    // that Next.js's overlay and indicator are styled instead of blocked and shown as raw boxes.
    "style-src": development ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    // blob: for the avatar preview before upload, data: for small inline icons.
    "img-src": ["'self'", "blob:", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
}

export function contentSecurityPolicy({ nonce, development }: CspOptions): string {
  return Object.entries(basePolicy(nonce, development))
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}
