import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { describe, expect, it } from "vitest";
import { connectPglite, connectPostgres } from "@/db";
import { migrateDatabase, migrationsFolder } from "@/db/migrate";
import { createScratchDatabase } from "../helpers/scratch-database";

const migrationCount = readMigrationFiles({ migrationsFolder }).length;

async function appliedMigrations(db: Awaited<ReturnType<typeof connectPglite>>["db"]): Promise<number> {
  const result = await db.execute<{ count: number }>(sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: { count: number }[] }).rows;
  return rows[0]!.count;
}

describe("migrations", () => {
  it("apply once and are a no-op the second time (embedded database)", async () => {
    const connection = await connectPglite(undefined);
    try {
      await migrateDatabase(connection.db);
      await migrateDatabase(connection.db);
      expect(await appliedMigrations(connection.db)).toBe(migrationCount);
    } finally {
      await connection.close();
    }
  });

  it.runIf(process.env.TEST_DB === "postgres")(
    "apply once when several instances start at once, through transaction pooling (no session state)",
    async () => {
      const scratch = await createScratchDatabase("phone_referrals_migrate");
      const instances = await Promise.all(
        [1, 2, 3, 4].map(() => connectPostgres(scratch.url, { max: 2, poolMode: "transaction" })),
      );
      try {
        await Promise.all(instances.map((instance) => migrateDatabase(instance.db)));
        expect(await appliedMigrations(instances[0]!.db as never)).toBe(migrationCount);
        // No advisory lock is left behind on any connection.
        const locks = await scratch.admin.unsafe(
          `select count(*)::int as count from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = '${scratch.name}'`,
        );
        expect(locks[0]!.count).toBe(0);
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
        await scratch.drop();
      }
    },
  );
});
