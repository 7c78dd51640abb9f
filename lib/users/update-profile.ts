import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type NewUser, users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { getProfile } from "./get-profile";
import type { Profile, UpdateProfileChanges } from "./schemas";

/** Sets the given name and e-mail fields (null clears one, an absent field stays as it is). */
export async function updateProfile({ db, userId, changes }: { db: Database; userId: string; changes: UpdateProfileChanges }): Promise<Profile> {
  const set: Partial<Pick<NewUser, "firstName" | "lastName" | "email">> = {};
  if (changes.firstName !== undefined) set.firstName = changes.firstName;
  if (changes.lastName !== undefined) set.lastName = changes.lastName;
  if (changes.email !== undefined) set.email = changes.email;
  const [user] = await db
    .update(users)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning();
  if (!user) throw new ApiError("invalid_token", "The account no longer exists. Sign in again.");
  return getProfile({ db, user });
}
