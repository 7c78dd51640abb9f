import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectPglite, connectPostgres, type Database } from "@/db";
import { migrateDatabase } from "@/db/migrate";

export interface TestDatabase {
  db: Database;
  close: () => Promise<void>;
  backend: "pglite" | "postgres";
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** A connection to TEST_DATABASE_URL's server, for checks from outside the database. */
  admin: postgres.Sql;
  /** Drops the database (whoever is still connected) and closes `admin`. */
  drop: () => Promise<void>;
}

/** A new, empty database on TEST_DATABASE_URL's server, named after `prefix` and a random suffix. */
export async function createScratchDatabase(prefix = "phone_referrals_test"): Promise<ScratchDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the postgres backend");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    admin,
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
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
