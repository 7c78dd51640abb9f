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
  pathname: string;
  /** React needs eval in development for its error overlay and stack reconstruction; never in production. */
  development: boolean;
}

type Directives = Record<string, string[]>;

function basePolicy(nonce: string, development: boolean): Directives {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", `'nonce-${nonce}'`],
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

/**
 * Per-route relaxations, applied on top of the base policy. ReDoc renders its API reference with inline styles
 * (styled-components) and searches in a Web Worker it starts from a blob: URL. A nonce in style-src would switch
 * 'unsafe-inline' off, so that route lists style-src without the nonce.
 */
const RELAXATIONS: { prefix: string; directives: Directives }[] = [
  {
    prefix: "/redoc",
    directives: {
      "style-src": ["'self'", "'unsafe-inline'"],
      "worker-src": ["'self'", "blob:"],
      "img-src": ["'self'", "blob:", "data:"],
    },
  },
];

function matches(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function contentSecurityPolicy({ nonce, pathname, development }: CspOptions): string {
  const directives = basePolicy(nonce, development);
  for (const relaxation of RELAXATIONS) {
    if (matches(pathname, relaxation.prefix)) Object.assign(directives, relaxation.directives);
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}
