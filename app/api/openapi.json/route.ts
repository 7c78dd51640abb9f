import document from "@/lib/openapi/openapi.generated.json";

// GET /api/openapi.json – the OpenAPI 3.1 document, generated at build time from the route handlers
/**
 * @openapi
 * /api/openapi.json:
 *   get:
 *     operationId: getOpenApiDocument
 *     summary: This OpenAPI document
 *     description: |
 *       The OpenAPI 3.1 description of every endpoint, generated at build time from the `@openapi` blocks of the
 *       route handlers and the zod schemas that validate requests. Rendered at `/redoc`.
 *     tags: [Operations]
 *     security: []
 *     responses:
 *       '200':
 *         description: The document.
 *         content:
 *           application/json:
 *             schema: { type: object, description: 'An OpenAPI 3.1 document.' }
 */
export function GET(): Response {
  return Response.json(document, { headers: { "cache-control": "public, max-age=300" } });
}

export const dynamic = "force-static";
