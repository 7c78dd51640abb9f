import { route } from "@/lib/http/route";
import { publicJwks } from "@/lib/signing-keys/signing-keys";
import { jsonWebKeySet } from "@/lib/sessions/schemas";

// GET /.well-known/jwks.json – the public keys that verify our access tokens
/**
 * @openapi
 * /.well-known/jwks.json:
 *   get:
 *     operationId: getJwks
 *     summary: Token signing keys (JWKS)
 *     description: |
 *       The public keys (ES256) that verify this service's access tokens: pick the key whose `kid` is the token's
 *       `kid` header, and check `iss` (`JWT_ISSUER`), `aud` (`JWT_AUDIENCE`) and `exp`. Another service needs no
 *       shared secret: jose's `createRemoteJWKSet` reads this URL. A rotated key stays here until every token it
 *       signed has expired; a verifier that meets an unknown `kid` should read the set again (jose does). Cacheable for
 *       5 minutes, and readable from any origin (`Access-Control-Allow-Origin: *`): it holds public keys only.
 *     responses:
 *       '200':
 *         headers:
 *           Cache-Control:
 *             schema: { type: string, example: 'public, max-age=300' }
 */
export const GET = route({ response: { description: "The key set.", schema: jsonWebKeySet } }, async ({ db }) =>
  Response.json(await publicJwks({ db }), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  }),
);

export const dynamic = "force-dynamic";
