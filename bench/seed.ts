// Seeds a benchmark database: 1,000,000 users shaped like a real referral graph, built inside PostgreSQL
// with INSERT … SELECT generate_series (no rows cross the wire), then ANALYZE. The shape, by user number n:
//   n = 1                      the owner (an administrator) with 100,000 invitees
//   n = 2 … 100,001            the owner's invitees
//   n = 100,002 … 200,001      100 chains of invitations 1,000 deep (each user invited by the one before)
//   n = 200,002 … 1,000,000    the rest, spread: three in four activated the code of a random earlier user
//                              of this group (a random recursive tree), one in four activated nothing
// Sign-ups run over the last 400 days in order of n; an activation follows its sign-up by an hour.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { createDatabase, databaseUrl } from "../tests/helpers/scratch-database";

export const SEED_VERSION = 1;
export const TOTAL_USERS = 1_000_000;
export const OWNER_INVITEES = 100_000;
export const CHAINS = 100;
export const CHAIN_DEPTH = 1_000;
export const FIRST_CHAIN_USER = 2 + OWNER_INVITEES;
export const FIRST_SPREAD_USER = FIRST_CHAIN_USER + CHAINS * CHAIN_DEPTH;

/** The phone of user n: +7 900 and seven digits, so a million numbers that never collide with the bench's new ones. */
export const seedPhone = (n: number) => `+7900${String(n).padStart(7, "0")}`;

const referrerOf = `case
  when n = 1 then null
  when n < ${FIRST_CHAIN_USER} then 1
  when (n - ${FIRST_CHAIN_USER}) % ${CHAIN_DEPTH} = 0 then null
  when n < ${FIRST_SPREAD_USER} then n - 1
  when n % 4 = 0 or n = ${FIRST_SPREAD_USER} then null
  else ${FIRST_SPREAD_USER} + (hashint4(n) & 2147483647) % (n - ${FIRST_SPREAD_USER})
end`;

// 1,000,003 is prime and coprime to 36^6, so n -> n * 1,000,003 mod 36^6 is one-to-one: unique codes.
const inviteCode = `(select string_agg(substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ((n::bigint * 1000003 % 2176782336) / (36::bigint ^ k)::bigint % 36)::int + 1, 1), '' order by k desc)
  from generate_series(0, 5) as k)`;

export async function seedDatabase(url: string, log: (line: string) => void): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const started = Date.now();
    await sql.begin(async (tx) => {
      await tx`create temporary table seed (n int primary key, id uuid not null, referrer int) on commit drop`;
      await tx.unsafe(`insert into seed select n, gen_random_uuid(), ${referrerOf} from generate_series(1, ${TOTAL_USERS}) as n`);
      // Every row is correct by construction; skipping the per-row foreign-key triggers makes the load minutes faster.
      await tx`set local session_replication_role = replica`;
      await tx.unsafe(`
        insert into users (id, phone, invite_code, referrer_id, activated_invite_code, activated_at, is_admin, created_at, updated_at)
        select s.id,
               '+7900' || lpad(s.n::text, 7, '0'),
               ${inviteCode.replaceAll(/\bn\b/g, "s.n")},
               r.id,
               ${inviteCode.replaceAll(/\bn\b/g, "r.n")},
               case when r.id is not null then t.created_at + interval '1 hour' end,
               s.n = 1,
               t.created_at,
               t.created_at
        from seed s
        left join seed r on r.n = s.referrer
        cross join lateral (select now() - interval '400 days' * (1 - s.n::float8 / ${TOTAL_USERS}) as created_at) t
        order by s.n`);
      // The bulk load skipped the triggers that keep invitee_count and user_stats: set them from the rows.
      await tx`select recount_users()`;
      await tx`create table if not exists bench_seed (version int not null, users int not null, seeded_at timestamptz not null default now())`;
      await tx`insert into bench_seed (version, users) values (${SEED_VERSION}, ${TOTAL_USERS})`;
    });
    log(`seeded ${TOTAL_USERS.toLocaleString("en")} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const analyzed = Date.now();
    await sql`vacuum analyze users`;
    log(`vacuum analyze in ${((Date.now() - analyzed) / 1000).toFixed(1)} s`);
  } finally {
    await sql.end();
  }
}

/** True when the database already holds this version of the seed (the bench then reuses it). */
export async function isSeeded(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ version: number }[]>`
      select version from bench_seed where to_regclass('bench_seed') is not null order by seeded_at desc limit 1`.catch(() => []);
    return row?.version === SEED_VERSION;
  } finally {
    await sql.end();
  }
}

/**
 * The database of `url`, dropped and created again, migrated and seeded; or kept as it is with
 * BENCH_REUSE_SEED=1 when it holds this version of the seed.
 */
export async function prepareDatabase(url: string, log: (line: string) => void): Promise<void> {
  if (process.env.BENCH_REUSE_SEED === "1" && (await isSeeded(url).catch(() => false))) return log("BENCH_REUSE_SEED=1: using the seeded database");
  await createDatabase(databaseUrl(url, "postgres"), new URL(url).pathname.slice(1), { replace: true });
  const single = postgres(url, { max: 1, onnotice: () => undefined });
  await migrateDatabase(drizzle(single) as unknown as Parameters<typeof migrateDatabase>[0]);
  await single.end();
  await seedDatabase(url, log);
}
