import createNextIntlPlugin from "next-intl/plugin";

// Headers for every response. The pages' Content-Security-Policy needs a per-request nonce and is set by proxy.ts;
// API responses (JSON, avatar images) get a policy that allows nothing at all.
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @param {boolean} production */
export function securityHeaders(production) {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // Legacy twin of frame-ancestors 'none' for browsers without CSP level 2.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // Only for a production build: HSTS on a developer's localhost would pin it to HTTPS for two years.
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders(process.env.NODE_ENV === "production") },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      { source: "/.well-known/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
  // The Docker build (and `npm run test:standalone`) set BUILD_STANDALONE=1 to trace the server's files into
  // .next/standalone for a small image. A plain `npm run build` keeps the classic output that `npm start`
  // (`next start`) serves from the project folder, with .env and ./.data where developers expect them.
  output: process.env.BUILD_STANDALONE === "1" ? "standalone" : undefined,
  // forbidden() in a page answers HTTP 403 with app/forbidden.tsx (a non-administrator on /admin).
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships its WebAssembly and data files next to its JavaScript; bundling breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  outputFileTracingExcludes: {
    "*": [".data/**", "coverage/**", "e2e/**", "test-results/**", "playwright-report/**"],
  },
};

// next-intl without locale path prefixes (lib/i18n/request.ts picks the language per request). The messages are
// precompiled at build time, so the pages' JavaScript carries a small formatter instead of an ICU parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

export default withNextIntl(nextConfig);
