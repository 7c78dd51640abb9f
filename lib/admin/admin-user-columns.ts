import { type User, users } from "@/db/schema";
import type { AdminUser } from "./schemas";

/** The columns of an AdminUser row. */
export const adminUserColumns = {
  id: users.id,
  phone: users.phone,
  inviteCode: users.inviteCode,
  activatedInviteCode: users.activatedInviteCode,
  inviteeCount: users.inviteeCount,
  isAdmin: users.isAdmin,
  isBlocked: users.isBlocked,
  createdAt: users.createdAt,
};

type AdminUserRow = Pick<User, keyof typeof adminUserColumns>;

/** A row of adminUserColumns as the API answers it (the contract names the invitee count `inviteesCount`). */
export function toAdminUser(row: AdminUserRow): AdminUser {
  return {
    id: row.id,
    phone: row.phone,
    inviteCode: row.inviteCode,
    activatedInviteCode: row.activatedInviteCode,
    inviteesCount: row.inviteeCount,
    isAdmin: row.isAdmin,
    isBlocked: row.isBlocked,
    createdAt: row.createdAt.toISOString(),
  };
}
