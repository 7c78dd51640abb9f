// GET /api/health – the process is alive
/**
 * @openapi
 * /api/health:
 *   get:
 *     operationId: health
 *     summary: Liveness
 *     description: Answers while the process is alive, without touching the database.
 *     responses:
 *       '200':
 *         description: Alive.
 *         content: { application/json: { schema: { $ref: '#/components/schemas/HealthStatus' } } }
 */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
