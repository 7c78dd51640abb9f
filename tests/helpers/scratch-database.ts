// Throwaway PostgreSQL databases for the tests, the scripts (test:postman, test:standalone), the end-to-end run
// and the bench: the one place that creates and drops them. Needs only postgres.js, so that plain `tsx`
// scripts can import it (no `@/db`, no server-only).
import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** The local server the scripts use when no URL is given. */
export const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase {
  name: string;
  url: string;
  /** A connection to the server (its maintenance database), for checks from outside the database. */
  admin: postgres.Sql;
  /** Drops the database (whoever is still connected) and closes `admin`. */
  drop: () => Promise<void>;
}

/** The URL of database `name` on the server that `serverUrl` points at (same host, port and credentials). */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new, empty database named after `prefix` and a random suffix, on `serverUrl` (by default
 * TEST_DATABASE_URL's server).
 */
export async function createScratchDatabase(
  prefix = "phone_referrals_test",
  { serverUrl = process.env.TEST_DATABASE_URL }: { serverUrl?: string } = {},
): Promise<ScratchDatabase> {
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is required for the postgres backend");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = adminConnection(serverUrl);
  try {
    await admin.unsafe(createStatement(name));
  } catch (error) {
    await admin.end();
    throw error;
  }
  return {
    name,
    url: databaseUrl(serverUrl, name),
    admin,
    drop: async () => {
      try {
        await admin.unsafe(dropStatement(name));
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/**
 * Creates database `name` on `serverUrl`'s server, for runs whose steps live in separate processes (the
 * end-to-end web server creates, the global teardown drops) or that keep the database (the bench).
 * `replace` drops a database of that name first.
 */
export async function createDatabase(serverUrl: string, name: string, { replace = false }: { replace?: boolean } = {}): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    if (replace) await admin.unsafe(dropStatement(name));
    await admin.unsafe(createStatement(name));
  });
}

/** Drops database `name` on `serverUrl`'s server; FORCE closes the connections still open on it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, (admin) => admin.unsafe(dropStatement(name)));
}

function adminConnection(serverUrl: string): postgres.Sql {
  return postgres(serverUrl, { max: 1, onnotice: () => undefined });
}

async function withAdmin(serverUrl: string, work: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = adminConnection(serverUrl);
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

const createStatement = (name: string) => `CREATE DATABASE ${quoteIdentifier(name)}`;
const dropStatement = (name: string) => `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
