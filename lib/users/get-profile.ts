import "server-only";
import type { Executor } from "@/db";
import type { User } from "@/db/schema";
import { listInvitees } from "@/lib/invites/list-invitees";
import type { Profile } from "./schemas";

export const PROFILE_INVITEES_LIMIT = 50;

export function avatarUrl(avatarId: string | null): string | null {
  return avatarId ? `/api/v1/avatars/${avatarId}` : null;
}

/**
 * The profile as the API shows it, with the first page of invitees (PROFILE_INVITEES_LIMIT of them, or
 * `inviteesLimit` for a page that shows fewer at first).
 */
export async function getProfile({
  db,
  user,
  inviteesLimit = PROFILE_INVITEES_LIMIT,
}: {
  db: Executor;
  user: User;
  inviteesLimit?: number;
}): Promise<Profile> {
  return {
    id: user.id,
    phone: user.phone,
    inviteCode: user.inviteCode,
    activatedInviteCode: user.activatedInviteCode,
    activatedAt: user.activatedAt?.toISOString() ?? null,
    invitees: await listInvitees({ db, owner: user, limit: inviteesLimit }),
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    avatarUrl: avatarUrl(user.avatarId),
    isAdmin: user.isAdmin,
    createdAt: user.createdAt.toISOString(),
  };
}
