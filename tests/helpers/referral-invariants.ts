import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";

/**
 * Every account's chain of referrers ends at a root: no account is its own ancestor. And each account's
 * root_id names that root (null for a root itself), as activations and deletions keep it.
 */
export async function expectForest(): Promise<void> {
  const rows = await (await getDb()).select({ id: users.id, referrerId: users.referrerId, rootId: users.rootId }).from(users);
  const referrerOf = new Map(rows.map((row) => [row.id, row.referrerId]));
  // Each account's root, found once: a walk stops at the first account whose root is known (linear in all).
  const rootOf = new Map<string, string>();
  for (const row of rows) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string = row.id;
    while (!rootOf.has(id)) {
      expect(onPath.has(id), `loop through ${id}`).toBe(false);
      path.push(id);
      onPath.add(id);
      const referrer = referrerOf.get(id);
      if (!referrer) {
        rootOf.set(id, id);
        break;
      }
      id = referrer;
    }
    const root = rootOf.get(id)!;
    for (const member of path) rootOf.set(member, root);
  }
  const wrongRoots = rows
    .filter((row) => (row.rootId ?? row.id) !== rootOf.get(row.id))
    .map((row) => ({ id: row.id, rootId: row.rootId, root: rootOf.get(row.id) }));
  expect(wrongRoots, "accounts whose root_id is not their tree's root").toEqual([]);
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
