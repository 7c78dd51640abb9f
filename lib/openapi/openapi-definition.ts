import type { OAS3Definition } from "swagger-jsdoc";

const description = `Sign in with a one-time SMS code, get your own invite code, activate one invite code of somebody else,
and see who activated yours.

**Flow.** \`POST /api/v1/auth/code\` sends a code (simulated by default: read it at \`GET /api/v1/dev/sms\`);
\`POST /api/v1/auth/verify\` signs in, creating the account the first time, and answers an access token, a refresh
token and the profile. Send the access token as \`Authorization: Bearer <accessToken>\`; exchange the refresh token at
\`POST /api/v1/auth/refresh\` (each refresh token works once); \`POST /api/v1/auth/logout\` ends the session at once.

**Conventions.** JSON in and out (UTF-8), request bodies at most 16 KiB, unknown fields rejected. Phones are accepted
in E.164 or the national format of \`DEFAULT_PHONE_REGION\` and always answered in E.164. Times are ISO 8601 UTC. Ids are
strings.

**Errors.** Every error is \`application/problem+json\` (RFC 9457) with a stable \`code\`; branch on it. Malformed JSON is
\`400 invalid_json\`, a wrong content type \`415 unsupported_media_type\`, a body over 16 KiB \`413 payload_too_large\`,
unknown or invalid fields \`400 validation_error\` with \`errors\`. Rate-limited answers are \`429\` with \`Retry-After\`.
Any endpoint that reads the database answers \`503 service_unavailable\` (with \`Retry-After\`) while it is unreachable.`;

/** The document's fixed part; operations come from the route handlers, schemas from zod. */
export const openApiDefinition: OAS3Definition = {
  openapi: "3.1.0",
  info: {
    title: "Phone referrals API",
    version: "1.0.0",
    description,
    license: { name: "MIT", identifier: "MIT" },
    // ReDoc shows it; served from our own origin like everything on /redoc.
    "x-logo": { url: "/redoc/logo.svg", altText: "Phone referrals" },
  },
  servers: [{ url: "/", description: "This server" }],
  tags: [
    { name: "Sign-in", description: "One-time SMS codes, tokens and sessions." },
    { name: "Profile", description: "The signed-in user's account, invite codes and invitees." },
    { name: "Administration", description: "Accounts and statistics, for administrators only." },
    { name: "Development", description: "Helpers for local use and automated tests; off with a real SMS provider." },
    { name: "Operations", description: "Health checks and this document." },
  ],
};

/** Operations listed first within their tag, in this order (the order a client uses them); the others follow by path. */
export const operationOrder = ["requestCode", "verifyCode", "refreshTokens", "logout", "getProfile"];
