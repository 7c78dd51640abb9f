import "server-only";
import type { Executor } from "@/db";
import type { User } from "@/db/schema";
import { listInvitees } from "@/lib/invites/list-invitees";
import type { Profile } from "./schemas";

export const PROFILE_INVITEES_LIMIT = 50;

export function avatarUrl(avatarId: string | null): string | null {
  return avatarId ? `/api/v1/avatars/${avatarId}` : null;
}

/** The profile as the API shows it, with the first page of invitees. */
export async function getProfile({ db, user }: { db: Executor; user: User }): Promise<Profile> {
  return {
    id: user.id,
    phone: user.phone,
    inviteCode: user.inviteCode,
    activatedInviteCode: user.activatedInviteCode,
    activatedAt: user.activatedAt?.toISOString() ?? null,
    invitees: await listInvitees({ db, owner: user, limit: PROFILE_INVITEES_LIMIT }),
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    avatarUrl: avatarUrl(user.avatarId),
    isAdmin: user.isAdmin,
    createdAt: user.createdAt.toISOString(),
  };
}
