import { sql } from "drizzle-orm";
import { route } from "@/lib/http/route";

// GET /api/health/ready – the database answers (503 problem+json otherwise)
/**
 * @openapi
 * /api/health/ready:
 *   get:
 *     operationId: ready
 *     summary: Readiness
 *     description: Answers 200 when the database answers a query, 503 otherwise (take the instance out of rotation).
 *     tags: [Operations]
 *     security: []
 *     responses:
 *       '200':
 *         description: Ready.
 *         content:
 *           application/json:
 *             schema: { $ref: '#/components/schemas/HealthStatus' }
 *       '503':
 *         description: "`service_unavailable`: the database does not answer."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 */
export const GET = route({}, async ({ db }) => {
  await db.execute(sql`select 1`);
  return { status: "ok" };
});
