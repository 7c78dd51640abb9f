import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { Database } from "../db";
import * as schema from "../db/schema";

/** The app's Drizzle client over the bench's postgres.js connection: tokens are signed with the key the server uses. */
export function benchDb(sql: postgres.Sql): Database {
  return drizzle(sql, { schema });
}
