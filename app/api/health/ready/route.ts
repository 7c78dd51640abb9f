import { sql } from "drizzle-orm";
import { route } from "@/lib/http/route";

// GET /api/health/ready – the database answers (503 problem+json otherwise)
export const GET = route({}, async ({ db }) => {
  await db.execute(sql`select 1`);
  return { status: "ok" };
});
