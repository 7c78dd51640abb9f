import { users } from "@/db/schema";

/** The columns of an AdminUser row. */
export const adminUserColumns = {
  id: users.id,
  phone: users.phone,
  inviteCode: users.inviteCode,
  activatedInviteCode: users.activatedInviteCode,
  inviteesCount: users.inviteeCount,
  isAdmin: users.isAdmin,
  isBlocked: users.isBlocked,
  createdAt: users.createdAt,
};
