import { sql } from "drizzle-orm";
import { users } from "@/db/schema";

/** The columns of an AdminUser row, the invitee count by the referrer index. */
export const adminUserColumns = {
  id: users.id,
  phone: users.phone,
  inviteCode: users.inviteCode,
  activatedInviteCode: users.activatedInviteCode,
  // Written out: drizzle leaves columns unqualified in a single-table select, which the subquery would capture.
  inviteesCount: sql<number>`(select count(*) from "users" as "invitee" where "invitee"."referrer_id" = "users"."id")`.mapWith(Number),
  isAdmin: users.isAdmin,
  isBlocked: users.isBlocked,
  createdAt: users.createdAt,
};
