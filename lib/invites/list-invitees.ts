import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { users } from "@/db/schema";
import { decodeInviteeCursor, encodeInviteeCursor } from "./invitee-cursor";
import { inviteePageQuery } from "./invitee-page-query";
import type { InviteePage } from "./schemas";

/**
 * The users who activated a user's invite code, newest first, by keyset pagination over
 * (activated_at, id) so that any page costs the same (index users_referrer_activated_idx). Invitees who
 * arrive while a client pages are newer than its cursor: they show on a fresh first page, and the pages
 * being walked get neither duplicates nor gaps. The total is the owner's invitee_count, kept by a trigger, so
 * an owner of 100,000 invitees costs no more than one of none.
 */
export async function listInvitees({ db, userId, limit, cursor }: { db: Executor; userId: string; limit: number; cursor?: string }): Promise<InviteePage> {
  const after = cursor ? decodeInviteeCursor(cursor) : undefined;
  const [rows, [totals]] = await Promise.all([
    inviteePageQuery({ db, userId, limit: limit + 1, after }),
    db.select({ total: users.inviteeCount }).from(users).where(eq(users.id, userId)),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    total: totals?.total ?? 0,
    items: page.map((row) => ({ phone: row.phone, activatedAt: row.activatedAt!.toISOString() })),
    nextCursor: rows.length > limit && last ? encodeInviteeCursor({ activatedAt: last.position, id: last.id }) : null,
  };
}
