import { randomInt } from "node:crypto";

/** Letters and digits people can read aloud and copy by hand: no 0/O, no 1/I. Older codes may hold any of A–Z0–9. */
export const INVITE_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const INVITE_CODE_LENGTH = 6;

/** 6 characters of {@link INVITE_CODE_ALPHABET} from a cryptographic random source (32^6 ≈ 1.07 billion codes). */
export function generateInviteCode(): string {
  let code = "";
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)];
  return code;
}
