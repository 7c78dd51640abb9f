import { connectPglite, connectPostgres, type Database } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { createScratchDatabase } from "./scratch-database";

export interface TestDatabase {
  db: Database;
  close: () => Promise<void>;
  backend: "pglite" | "postgres";
}

/**
 * A database of this test file's own: an in-memory PGlite, or a fresh database on TEST_DATABASE_URL's
 * server that is dropped on close.
 */
export async function createTestDatabase(backend = process.env.TEST_DB ?? "pglite"): Promise<TestDatabase> {
  if (backend === "postgres") {
    const scratch = await createScratchDatabase();
    const migration = await connectPostgres(scratch.url, { max: 1 });
    await migrateDatabase(migration.db);
    await migration.close();
    const connection = await connectPostgres(scratch.url, { max: 20 });
    return {
      db: connection.db,
      backend: "postgres",
      close: async () => {
        await connection.close();
        await scratch.drop();
      },
    };
  }
  const connection = await connectPglite(undefined);
  await migrateDatabase(connection.db);
  return { ...connection, backend: "pglite" };
}
