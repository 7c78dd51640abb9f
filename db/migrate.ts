import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Database } from "./database";

// An arbitrary but fixed key: every instance that starts at once waits for the first one's migration.
const MIGRATION_LOCK_KEY = 727_274_001;

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Applies the committed migrations in one transaction that first takes a transaction-scoped advisory lock, so
 * several instances starting at once apply them once, one after another. Everything, the lock included, lives
 * in that transaction: nothing depends on the session, so it is safe through a pooler in transaction mode
 * (PgBouncer, Supavisor), where consecutive statements outside a transaction may run on different server
 * connections and a session-level lock could be left held on one of them. Keeps drizzle-kit's bookkeeping
 * (`drizzle.__drizzle_migrations`, applied by creation time), so databases migrated before stay as they are.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
    const [last] = await tx.execute<{ created_at: string | number | null }>(
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    ).then(rowsOf);
    const appliedUpTo = Number(last?.created_at ?? 0);
    for (const migration of migrations) {
      if (migration.folderMillis <= appliedUpTo) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`);
    }
  });
}

/** postgres.js answers a row array, PGlite an object with `rows`. */
function rowsOf<T>(result: T[] | { rows: T[] }): T[] {
  return Array.isArray(result) ? result : result.rows;
}
