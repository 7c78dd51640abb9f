import { z } from "zod";
import { inviteePage } from "@/lib/invites/schemas";

export const profile = z
  .object({
    id: z.string().describe("The account's id.").meta({ example: "0b9d7c8e-3f0e-4d36-9a49-6f1f3a3b8c11" }),
    phone: z.string().describe("E.164.").meta({ example: "+79991234567" }),
    inviteCode: z.string().describe("This account's own invite code.").meta({ example: "K7M2QX" }),
    activatedInviteCode: z.string().nullable().describe("The invite code this account activated, or null.").meta({ example: "A1B2C3" }),
    activatedAt: z.iso.datetime().nullable().describe("When that code was activated, or null."),
    invitees: inviteePage.describe("The first page (at most 50) of the users who activated this account's code."),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    avatarUrl: z.string().nullable().describe("Path of the avatar image, or null.").meta({ example: "/api/v1/avatars/5c1e…" }),
    isAdmin: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Profile" });
export type Profile = z.infer<typeof profile>;
