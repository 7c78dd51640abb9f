import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectPglite, connectPostgres, type Database } from "@/db";
import { migrateDatabase } from "@/db/migrate";

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
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the postgres backend");
    const name = `phone_referrals_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const migration = await connectPostgres(url.toString(), { max: 1 });
    await migrateDatabase(migration.db);
    await migration.close();
    const connection = await connectPostgres(url.toString(), { max: 20 });
    return {
      db: connection.db,
      backend: "postgres",
      close: async () => {
        await connection.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const connection = await connectPglite(undefined);
  await migrateDatabase(connection.db);
  return { ...connection, backend: "pglite" };
}
