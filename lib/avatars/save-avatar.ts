import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { avatars, users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { getProfile } from "@/lib/users/get-profile";
import type { Profile } from "@/lib/users/schemas";
import type { RenderedAvatar } from "./render-avatar";

/**
 * Stores a rendered avatar in PostgreSQL, so that every app instance serves it, and makes it the user's.
 * The user's row is locked first, so that two uploads at once leave exactly one avatar, the one linked.
 */
export async function saveAvatar({ db, userId, image }: { db: Database; userId: string; image: RenderedAvatar }): Promise<Profile> {
  const user = await db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    if (!locked) throw new ApiError("invalid_token", "The account no longer exists. Sign in again.");
    const [avatar] = await tx.insert(avatars).values({ userId, contentType: image.contentType, data: image.data }).returning({ id: avatars.id });
    await tx.delete(avatars).where(and(eq(avatars.userId, userId), ne(avatars.id, avatar!.id)));
    const [updated] = await tx.update(users).set({ avatarId: avatar!.id, updatedAt: sql`now()` }).where(eq(users.id, userId)).returning();
    return updated!;
  });
  return getProfile({ db, user });
}
