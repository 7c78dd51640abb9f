import { randomInt } from "node:crypto";

export const INVITE_CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const INVITE_CODE_LENGTH = 6;

/** 6 characters of A–Z0–9 from a cryptographic random source (36^6 ≈ 2.2 billion codes). */
export function generateInviteCode(): string {
  let code = "";
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)];
  return code;
}
