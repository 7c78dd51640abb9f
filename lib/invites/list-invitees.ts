import "server-only";
import type { Executor } from "@/db";
import type { User } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { readInviteePage } from "./invitee-page-query";
import type { InviteePage } from "./schemas";

/**
 * The users who activated a user's invite code, newest first, by keyset pagination over
 * (activated_at, id) so that any page costs the same (index users_referrer_activated_idx). Invitees who
 * arrive while a client pages are newer than its cursor: they show on a fresh first page, and the pages
 * being walked get neither duplicates nor gaps. The total is the owner's invitee_count, kept by a trigger and
 * read with the owner's row (every caller has just read it to authenticate), so a page is one query whether
 * the owner has no invitees or 100,000.
 */
export async function listInvitees({
  db,
  owner,
  limit,
  cursor,
}: {
  db: Executor;
  owner: Pick<User, "id" | "inviteeCount">;
  limit: number;
  cursor?: string;
}): Promise<InviteePage> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await readInviteePage({ db, userId: owner.id, limit: limit + 1, after });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    total: owner.inviteeCount,
    items: page.map((row) => ({ phone: row.phone, activatedAt: row.activatedAt })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.position, id: last.id }) : null,
  };
}
