import { z } from "zod";

export const adminUser = z
  .object({
    id: z.string().describe("The account's id.").meta({ example: "0b9d7c8e-3f0e-4d36-9a49-6f1f3a3b8c11" }),
    phone: z.string().describe("E.164.").meta({ example: "+79991234567" }),
    inviteCode: z.string().describe("The account's own invite code.").meta({ example: "K7M2QX" }),
    activatedInviteCode: z.string().nullable().describe("The invite code this account activated, or null.").meta({ example: "A1B2C3" }),
    inviteesCount: z.number().int().describe("How many accounts activated this account's code.").meta({ example: 2 }),
    isAdmin: z.boolean(),
    isBlocked: z.boolean().describe("A blocked account cannot sign in; its sessions were ended when it was blocked."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AdminUser" });
export type AdminUser = z.infer<typeof adminUser>;

export const adminUserPage = z
  .object({
    total: z.number().int().describe("How many accounts match the query (all pages)."),
    items: z.array(adminUser).describe("Newest accounts first."),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  })
  .meta({ id: "AdminUserPage" });
export type AdminUserPage = z.infer<typeof adminUserPage>;

export const adminUsersQuery = z.strictObject({
  query: z
    .string()
    .trim()
    .max(64)
    .optional()
    .describe("A fragment of the phone number (digits, any formatting) or the start of an invite code; empty lists everybody.")
    .meta({ example: "1234" }),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("Page size, 1–100 (default 20)."),
  cursor: z.string().max(200).optional().describe("The `nextCursor` of the previous page."),
});
export type AdminUsersQuery = z.output<typeof adminUsersQuery>;

export const updateAdminUserBody = z
  .strictObject({
    isAdmin: z.boolean().optional().describe("Grant or revoke administrator rights (not your own)."),
    isBlocked: z.boolean().optional().describe("Block (ending every session at once) or unblock (not yourself)."),
  })
  .meta({ id: "UpdateAdminUserRequest" });
export type UpdateAdminUserChanges = z.output<typeof updateAdminUserBody>;

export const adminStats = z
  .object({
    users: z.number().int().describe("Accounts in total.").meta({ example: 1250 }),
    activations: z.number().int().describe("Accounts that activated an invite code.").meta({ example: 830 }),
    topReferrers: z
      .array(
        z
          .object({
            phone: z.string().meta({ example: "+79991234567" }),
            inviteCode: z.string().meta({ example: "K7M2QX" }),
            invitees: z.number().int().describe("Accounts that activated this code.").meta({ example: 42 }),
          })
          .meta({ id: "TopReferrer" }),
      )
      .describe("The 10 accounts with the most invitees, most first."),
    signupsPerDay: z
      .array(
        z
          .object({
            date: z.iso.date().describe("A UTC day.").meta({ example: "2026-11-25" }),
            count: z.number().int().describe("Accounts created that day.").meta({ example: 12 }),
          })
          .meta({ id: "SignupDay" }),
      )
      .describe("The last 30 UTC days, oldest first, today last; days without sign-ups count 0."),
  })
  .meta({ id: "AdminStats" });
export type AdminStats = z.infer<typeof adminStats>;
