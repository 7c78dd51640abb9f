import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { rateLimits } from "@/db/schema";

export interface RateLimitState {
  /** Hits counted in the current window, this one included. */
  count: number;
  limited: boolean;
  /** Seconds until the window closes. */
  retryAfter: number;
}

interface RateLimitInput {
  db: Executor;
  key: string;
  limit: number;
  windowSeconds: number;
}

function stateOf(row: { count: number; expiresAt: Date } | undefined, limit: number): RateLimitState {
  if (!row) return { count: 0, limited: false, retryAfter: 0 };
  const retryAfter = Math.max(1, Math.ceil((row.expiresAt.getTime() - Date.now()) / 1000));
  return { count: row.count, limited: row.count > limit, retryAfter };
}

/**
 * Counts one hit in a fixed window that opens with the key's first hit, atomically in PostgreSQL so that
 * every instance shares it. `limited` is true once the count passes `limit`.
 */
export async function hitRateLimit({ db, key, limit, windowSeconds }: RateLimitInput): Promise<RateLimitState> {
  const expired = sql`${rateLimits.expiresAt} <= now()`;
  const [row] = await db
    .insert(rateLimits)
    .values({
      key,
      count: 1,
      windowStartedAt: sql`now()`,
      expiresAt: sql`now() + make_interval(secs => ${windowSeconds})`,
    })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN now() ELSE ${rateLimits.windowStartedAt} END`,
        expiresAt: sql`CASE WHEN ${expired} THEN now() + make_interval(secs => ${windowSeconds}) ELSE ${rateLimits.expiresAt} END`,
      },
    })
    .returning({ count: rateLimits.count, expiresAt: rateLimits.expiresAt });
  return stateOf(row, limit);
}

/** The current window of a key without counting a hit. `limited` is true once the count reaches `limit`. */
export async function peekRateLimit({ db, key, limit }: Omit<RateLimitInput, "windowSeconds">): Promise<RateLimitState> {
  const [row] = await db
    .select({ count: rateLimits.count, expiresAt: rateLimits.expiresAt })
    .from(rateLimits)
    .where(sql`${eq(rateLimits.key, key)} AND ${rateLimits.expiresAt} > now()`);
  const state = stateOf(row, limit);
  return { ...state, limited: state.count >= limit };
}

/**
 * Takes back one hit of the current window, for a hit that turned out not to count (a claim whose request
 * was refused further on, a reserved guess that was right). Taking back the hit that opened the window
 * removes the window, so that the next hit opens a full one.
 */
export async function undoRateLimitHit({ db, key }: Pick<RateLimitInput, "db" | "key">): Promise<void> {
  const [row] = await db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(sql`${eq(rateLimits.key, key)} AND ${rateLimits.expiresAt} > now() AND ${rateLimits.count} > 0`)
    .returning({ count: rateLimits.count });
  if (row?.count === 0) await db.delete(rateLimits).where(sql`${eq(rateLimits.key, key)} AND ${rateLimits.count} = 0`);
}
