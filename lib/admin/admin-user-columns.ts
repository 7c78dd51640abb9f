import { users } from "@/db/schema";

/** The columns of an AdminUser row. */
export const adminUserColumns = {
  id: users.id,
  phone: users.phone,
  firstName: users.firstName,
  lastName: users.lastName,
  email: users.email,
  inviteCode: users.inviteCode,
  activatedInviteCode: users.activatedInviteCode,
  inviteesCount: users.inviteeCount,
  isAdmin: users.isAdmin,
  isBlocked: users.isBlocked,
  createdAt: users.createdAt,
};
