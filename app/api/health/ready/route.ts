import { sql } from "drizzle-orm";
import { ApiError } from "@/lib/errors/api-error";
import { route } from "@/lib/http/route";
import { isDraining } from "@/lib/server/lifecycle";
import { healthStatus } from "@/lib/health/schemas";

// GET /api/health/ready – the database answers and the process is not shutting down (503 problem+json otherwise)
/**
 * @openapi
 * /api/health/ready:
 *   get:
 *     operationId: ready
 *     summary: Readiness
 *     description: |
 *       Answers 200 when the database answers a query, 503 otherwise (take the instance out of rotation). Also 503
 *       from the moment the process is asked to stop (SIGTERM) while it finishes the requests in flight.
 *     responses:
 *       '503':
 *         description: "`service_unavailable`: the database does not answer, or the process is shutting down."
 */
export const GET = route({ response: { description: "Ready.", schema: healthStatus } }, async ({ db }) => {
  if (isDraining()) throw new ApiError("service_unavailable", "This instance is shutting down.", { retryAfter: 5 });
  await db.execute(sql`select 1`);
  return { status: "ok" as const };
});
