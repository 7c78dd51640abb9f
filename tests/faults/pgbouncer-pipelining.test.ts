import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres } from "@/db";
import { createScratchDatabase, LOCAL_POSTGRES_URL, type ScratchDatabase } from "../helpers/scratch-database";
import { PgBouncer } from "./support/pgbouncer";

// The app's pool (db/index.ts) behind PgBouncer in transaction mode, loaded the way a busy instance loads it:
// more queries at once than connections, lone statements with and without parameters mixed with transactions.
// postgres.js pipelines by default: a query written behind an unanswered one on the same connection. The
// pooler hands the server connection on at the first query's ReadyForQuery, and the replies to the query
// behind it never arrive: before the fix, about one request in a hundred waited forever (the PgBouncer
// fault test's intermittent hang).
let scratch: ScratchDatabase;
let bouncer: PgBouncer;

const serverUrl = process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES_URL;

beforeAll(async () => {
  scratch = await createScratchDatabase("phone_referrals_pipelining", { serverUrl });
  const upstream = new URL(serverUrl);
  bouncer = new PgBouncer(Number(process.env.FAULTS_PGBOUNCER_PORT_2 ?? 6533), { host: upstream.hostname, port: Number(upstream.port || 5432) }, 4);
  await bouncer.start();
});

afterAll(async () => {
  await bouncer?.stop();
  await scratch?.drop();
});

/** The query's result, or a failure that names it once it has waited `ms`. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

describe("the pool behind PgBouncer in transaction mode", () => {
  it("answers every lone query and transaction when there are more of them than connections", async () => {
    const connection = await connectPostgres(bouncer.url(scratch.name), { max: 4, poolMode: "transaction" });
    const db = connection.db;
    try {
      await db.execute(sql`create table visits (id serial primary key, n int not null)`);
      const TRANSACTIONS = 30;
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 300; i++) {
        // Without parameters postgres.js sends a query in one piece and keeps the connection open for more.
        if (i % 3 === 0) work.push(within(10_000, `lone query ${i} without parameters`, db.execute(sql`select 1 as one`)).then((rows) => expect(rows[0]).toEqual({ one: 1 })));
        else work.push(within(10_000, `lone query ${i}`, db.execute(sql`select ${i}::int as n`)).then((rows) => expect(rows[0]).toEqual({ n: i })));
        if (i % 10 === 0) {
          const transaction = db.transaction(async (tx) => {
            await tx.execute(sql`insert into visits (n) values (${i})`);
            // A savepoint rolled back inside it: the row it wrote goes, the transaction's own stays.
            await tx
              .transaction(async (inner) => {
                await inner.execute(sql`insert into visits (n) values (${-i})`);
                throw new Error("undo the savepoint");
              })
              .catch((error: unknown) => expect((error as Error).message).toBe("undo the savepoint"));
            const [row] = await tx.execute(sql`select count(*)::int as count from visits where n = ${i}`);
            return row;
          });
          work.push(within(10_000, `transaction ${i}`, transaction).then((row) => expect(row).toEqual({ count: 1 })));
        }
      }
      await Promise.all(work);
      const [visits] = await db.execute(sql`select count(*)::int as count, count(*) filter (where n < 0)::int as undone from visits`);
      expect(visits).toEqual({ count: TRANSACTIONS, undone: 0 });
    } finally {
      await connection.close();
    }
  });
});
