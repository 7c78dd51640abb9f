import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Sql } from "postgres";
import { env } from "@/lib/config/env";
import type { Database } from "./database";
import { migrateDatabase } from "./migrate";
import * as schema from "./schema";

export type { Database, Executor, Transaction } from "./database";

interface Connection {
  db: Database;
  close: () => Promise<void>;
}

type Cache = { connection?: Promise<Connection> };
// Cached on globalThis so that hot reload in development does not open a new pool or a second PGlite.
const cache = ((globalThis as { __phoneReferralsDb?: Cache }).__phoneReferralsDb ??= {});

/**
 * The one database client: PostgreSQL through postgres.js when DATABASE_URL is set, otherwise the embedded
 * PGlite in PGLITE_DIR. Migrations are applied on first use. A failed start is forgotten so that the next
 * request tries again (the database may come back).
 */
export function getDb(): Promise<Database> {
  cache.connection ??= connect().catch((error: unknown) => {
    cache.connection = undefined;
    throw error;
  });
  return cache.connection.then((connection) => connection.db);
}

async function connect(): Promise<Connection> {
  const { DATABASE_URL, DATABASE_DIRECT_URL, PGLITE_DIR } = env();
  if (DATABASE_URL) {
    // A direct connection, when there is one, is a plain session: prepared statements are fine there.
    const direct = DATABASE_DIRECT_URL ? { url: DATABASE_DIRECT_URL, poolMode: "session" as const } : { url: DATABASE_URL };
    await withMigrationConnection(direct, migrateDatabase);
    return connectPostgres(DATABASE_URL);
  }
  const connection = await connectPglite(PGLITE_DIR);
  try {
    await migrateDatabase(connection.db);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  return connection;
}

async function withMigrationConnection(
  { url, poolMode }: { url: string; poolMode?: PostgresOptions["poolMode"] },
  run: (db: Database) => Promise<void>,
): Promise<void> {
  const single = await connectPostgres(url, { max: 1, poolMode });
  try {
    await run(single.db);
  } finally {
    await single.close();
  }
}

interface PostgresOptions {
  /** Connections in the pool (default DATABASE_POOL_MAX). */
  max?: number;
  /** Default DATABASE_POOL_MODE. */
  poolMode?: "session" | "transaction";
}

export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<Connection> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
  ]);
  const config = env();
  // Behind a pooler in transaction mode each transaction (or lone statement) may run on another server
  // connection: a statement prepared on one is missing on the next, and the pooler refuses startup parameters
  // it does not know. So: nothing prepared, no statement_timeout at start-up (set it on the role instead:
  // ALTER ROLE … SET statement_timeout = '15s'), no session state anywhere in the app.
  const transactionPooling = (options.poolMode ?? config.DATABASE_POOL_MODE) === "transaction";
  const client = postgres(url, {
    max: options.max ?? config.DATABASE_POOL_MAX,
    connect_timeout: 5,
    idle_timeout: 30,
    // postgres.js waits before reconnecting, up to 20 s after repeated failures, and queues queries meanwhile:
    // with the database down, requests hung instead of answering 503, and recovery waited out the delay.
    // A short fixed pause fails fast while it is down and reconnects at once when it is back.
    backoff: () => 0.05,
    onnotice: () => undefined,
    prepare: !transactionPooling,
    // Nor pipelining: postgres.js sends the next query on a busy connection before the previous one has answered,
    // and a pooler in transaction mode hands the server connection on at the first ReadyForQuery, so the replies
    // to the query sent behind it never come and that request waits forever (tests/faults/pgbouncer-pipelining
    // .test.ts). With 0, `begin` needs patches/postgres+3.4.9.patch.
    ...(transactionPooling ? { max_pipeline: 0 } : {}),
    connection: transactionPooling
      ? { application_name: "phone-referrals" }
      : { application_name: "phone-referrals", statement_timeout: 15_000 },
  });
  const queries = transactionPooling ? client : preparingEveryQuery(client);
  return { db: drizzle(queries, { schema }), close: () => client.end({ timeout: 5 }) };
}

/**
 * drizzle sends each query through postgres.js's `unsafe()` with `prepare: false`. Unprepared, a query with
 * parameters costs two round trips (postgres.js first asks PostgreSQL for the parameter types) and a parse and
 * plan each time; prepared, as postgres.js does by default for its own queries, the statement is described
 * once per connection and then only bound and executed. On the 1M-user bench this halved the database
 * writes of a request. postgres.js re-prepares a statement that a migration invalidated.
 */
function preparingEveryQuery<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, parameters?: unknown[], options?: object) =>
          target.unsafe(query, parameters as never, { ...options, prepare: true });
      }
      if (property === "begin") {
        // A transaction runs on its own `sql`, which must prepare too.
        return (...args: unknown[]) => {
          const run = args.pop() as (transaction: Sql) => unknown;
          return (target.begin as (...rest: unknown[]) => unknown)(...args, (transaction: Sql) => run(preparingEveryQuery(transaction)));
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

export async function connectPglite(dir: string | undefined): Promise<Connection> {
  const [{ PGlite }, { drizzle }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
  ]);
  let client: InstanceType<typeof PGlite>;
  if (dir) {
    const resolved = path.resolve(dir);
    await mkdir(path.dirname(resolved), { recursive: true });
    client = await PGlite.create(resolved);
  } else {
    client = await PGlite.create();
  }
  // Same query builder at run time; the type differs only in the driver's result shape, which we never read raw.
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, close: () => client.close() };
}

/** Tests give each file its own database. */
export function useDatabaseForTests(connection: Connection): void {
  cache.connection = Promise.resolve(connection);
}

export async function closeDb(): Promise<void> {
  const pending = cache.connection;
  cache.connection = undefined;
  if (pending) await (await pending).close();
}

export { schema };
