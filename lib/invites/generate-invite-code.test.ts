import { describe, expect, it } from "vitest";
import { generateInviteCode, INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from "./generate-invite-code";

describe("generateInviteCode", () => {
  it("gives 6 characters without the look-alikes 0/O and 1/I", () => {
    expect(INVITE_CODE_ALPHABET).toBe("ABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    expect(INVITE_CODE_LENGTH).toBe(6);
    for (let i = 0; i < 500; i++) expect(generateInviteCode()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });

  it("uses the whole alphabet in every position and rarely repeats", () => {
    const codes = Array.from({ length: 4000 }, () => generateInviteCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (let position = 0; position < INVITE_CODE_LENGTH; position++) {
      expect(new Set(codes.map((code) => code[position])).size).toBe(32);
    }
  });
});
