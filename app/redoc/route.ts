// GET /redoc – the API reference: ReDoc rendering /api/openapi.json, every file from this origin
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Phone referrals</title>
<link rel="icon" href="/redoc/logo.svg" type="image/svg+xml">
<style>body { margin: 0; }</style>
</head>
<body>
<noscript>The API reference needs JavaScript. The raw document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<div id="redoc"></div>
<script src="/redoc/redoc.standalone.js"></script>
<script src="/redoc/redoc-init.js"></script>
</body>
</html>
`;

// The browser enforces what the page promises: no request leaves this origin. ReDoc needs inline styles, a blob:
// worker for search and (for its JSON Schema compiler) eval.
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function GET(): Response {
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": contentSecurityPolicy,
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
    },
  });
}

export const dynamic = "force-static";
