import { z } from "zod";
import { INVITE_CODE_LENGTH } from "./generate-invite-code";

/**
 * Checked before the case changes: `toUpperCase()` turns `ſ`, `ı`, `ß`, `ﬀ` and friends into ASCII letters,
 * which would let a non-ASCII string match somebody's code. Any of A–Z0–9 passes (older codes hold 0, O, 1, I).
 */
export const inviteCodeInput = z
  .string()
  .trim()
  .regex(new RegExp(`^[A-Za-z0-9]{${INVITE_CODE_LENGTH}}$`), `An invite code is ${INVITE_CODE_LENGTH} letters (A–Z) and digits.`)
  .toUpperCase()
  .describe("An invite code: 6 characters A–Z and 0–9, case-insensitive, surrounding spaces ignored.")
  .meta({ example: "K7M2QX" });

export const activateInviteCodeBody = z.strictObject({ code: inviteCodeInput }).meta({ id: "ActivateInviteCodeRequest" });

export const invitee = z
  .object({
    phone: z.string().describe("The invitee's phone, E.164.").meta({ example: "+79990000002" }),
    activatedAt: z.iso.datetime().describe("When the invitee activated the code (ISO 8601 UTC)."),
  })
  .meta({ id: "Invitee" });

export const inviteePage = z
  .object({
    total: z.number().int().describe("How many users activated this invite code."),
    items: z.array(invitee).describe("Newest first."),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  })
  .meta({ id: "InviteePage" });
export type InviteePage = z.infer<typeof inviteePage>;

export const inviteeQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50).describe("Page size, 1–100 (default 50)."),
    cursor: z.string().max(200).optional().describe("The `nextCursor` of the previous page (opaque)."),
  })
  .meta({ id: "InviteeQuery" });
