import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";

/** Every account's chain of referrers ends at a root: no account is its own ancestor. */
export async function expectForest(): Promise<void> {
  const rows = await (await getDb()).select({ id: users.id, referrerId: users.referrerId }).from(users);
  const referrerOf = new Map(rows.map((row) => [row.id, row.referrerId]));
  for (const row of rows) {
    const seen = new Set<string>();
    for (let id: string | null | undefined = row.id; id; id = referrerOf.get(id)) {
      expect(seen.has(id), `loop through ${id}`).toBe(false);
      seen.add(id);
    }
  }
}

// postgres.js answers execute() with the rows, PGlite with { rows }.
function rowsOf<T>(result: T[] | { rows: T[] }): T[] {
  return Array.isArray(result) ? result : result.rows;
}

/** The trigger-kept counters equal what counting the rows gives: every invitee_count, and users and activations per day. */
export async function expectCountersMatchRows(): Promise<void> {
  const db = await getDb();
  const wrongInviteeCounts = await db.execute<{ phone: string; invitee_count: number; actual: number }>(sql`
    select u.phone, u.invitee_count, count(i.id)::int as actual
    from users u left join users i on i.referrer_id = u.id
    group by u.id having u.invitee_count <> count(i.id)`);
  expect(rowsOf(wrongInviteeCounts as never), "users whose invitee_count is off").toEqual([]);

  const wrongDays = await db.execute<{ day: string }>(sql`
    select day, coalesce(kept.users, 0) as kept_users, coalesce(counted.users, 0) as counted_users,
           coalesce(kept.activations, 0) as kept_activations, coalesce(counted.activations, 0) as counted_activations
    from (select day, sum(users)::int as users, sum(activations)::int as activations from user_stats group by day) kept
    full join (
      select (created_at at time zone 'UTC')::date as day, count(*)::int as users, count(activated_invite_code)::int as activations
      from users group by 1
    ) counted using (day)
    where coalesce(kept.users, 0) <> coalesce(counted.users, 0) or coalesce(kept.activations, 0) <> coalesce(counted.activations, 0)`);
  expect(rowsOf(wrongDays as never), "days whose user_stats are off").toEqual([]);
}
