import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./index";

// An arbitrary but fixed key: every instance that starts at once waits for the first one's migration.
const MIGRATION_LOCK_KEY = 727_274_001;

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Applies the committed migrations under a session-level advisory lock. `db` must sit on a single
 * connection (PGlite always does; for PostgreSQL the caller opens a one-connection client), so that the
 * lock, the migration and the unlock share one session.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    // drizzle's migrator only uses the dialect and session, which both drivers share.
    await migrate(db, { migrationsFolder });
  } finally {
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}
