// GET /api/openapi.json – the OpenAPI 3.1 document, generated at build time from the route handlers
/**
 * @openapi
 * /api/openapi.json:
 *   get:
 *     operationId: getOpenApiDocument
 *     summary: This OpenAPI document
 *     description: |
 *       The OpenAPI 3.1 description of every endpoint, generated at build time from the `@openapi` blocks and the
 *       `route()` configurations of the route handlers and the zod schemas that validate requests. Rendered at `/redoc`.
 *     responses:
 *       '200':
 *         description: The document.
 *         content: { application/json: { schema: { type: object, description: 'An OpenAPI 3.1 document.' } } }
 */
export async function GET(): Promise<Response> {
  // Loaded when asked for, not on import: the generator imports every route module before the document exists.
  const { default: document } = await import("@/lib/openapi/openapi.generated.json");
  return Response.json(document, { headers: { "cache-control": "public, max-age=300" } });
}

export const dynamic = "force-static";
