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

const NAME_MAX_CHARACTERS = 50;

const personName = z
  .string()
  .transform((value) => value.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, "Enter at least one character, or send null to clear.")
      .refine((value) => [...value].length <= NAME_MAX_CHARACTERS, `At most ${NAME_MAX_CHARACTERS} characters.`)
      .refine((value) => !/[\p{Cc}\u2028\u2029]/u.test(value), "Control characters and line breaks are not allowed."),
  );

const email = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.email("Enter a valid e-mail address, or send null to clear.").max(254));

/** Only these fields can be edited here; the phone has its own confirmed flow, the rest is not the user's to set. */
export const updateProfileBody = z
  .strictObject({
    firstName: personName
      .nullable()
      .optional()
      .describe("1–50 characters in any script, surrounding spaces removed; null clears.")
      .meta({ example: "Анна" }),
    lastName: personName
      .nullable()
      .optional()
      .describe("1–50 characters in any script, surrounding spaces removed; null clears.")
      .meta({ example: "Smith" }),
    email: email.nullable().optional().describe("Stored lower-cased; null clears.").meta({ example: "anna@example.com" }),
  })
  .meta({ id: "UpdateProfileRequest" });
export type UpdateProfileChanges = z.output<typeof updateProfileBody>;
