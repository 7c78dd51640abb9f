import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { avatars, users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { getProfile } from "@/lib/users/get-profile";
import type { Profile } from "@/lib/users/schemas";

/** Removes the user's avatar, if any; its URL answers 404 from then on. */
export async function removeAvatar({ db, userId }: { db: Database; userId: string }): Promise<Profile> {
  const user = await db.transaction(async (tx) => {
    const [updated] = await tx.update(users).set({ avatarId: null, updatedAt: sql`now()` }).where(eq(users.id, userId)).returning();
    if (!updated) throw new ApiError("invalid_token", "The account no longer exists. Sign in again.");
    await tx.delete(avatars).where(eq(avatars.userId, userId));
    return updated;
  });
  return getProfile({ db, user });
}
