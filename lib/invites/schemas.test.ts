import { describe, expect, it } from "vitest";
import { activateInviteCodeBody, inviteeQuery } from "./schemas";

describe("activateInviteCodeBody", () => {
  it("trims and upper-cases the code", () => {
    expect(activateInviteCodeBody.parse({ code: "  k7m2qx\n" })).toEqual({ code: "K7M2QX" });
  });

  it.each([["K7M2Q"], ["K7M2QX1"], ["K7M-QX"], ["К7М2QX"], [""]])("rejects %j", (code) => {
    expect(activateInviteCodeBody.safeParse({ code }).success).toBe(false);
  });

  // Upper-casing turns the first five into 6 ASCII letters (ſ → S, ı → I, ß → SS, ﬀ → FF, ﬁ → FI): somebody
  // else's code would match. Only A–Z, a–z and 0–9 are characters of a code, checked before the case changes.
  it.each([["ABCDEſ"], ["ıBCDEF"], ["ABCDß"], ["ABCDﬀ"], ["ﬁABCD"], ["AB\u212ADEF"], ["ＡBCDEF"], ["ABCDE\u00A0F"]])("rejects non-ASCII %j", (code) => {
    const result = activateInviteCodeBody.safeParse({ code });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("An invite code is 6 letters (A–Z) and digits.");
  });

  it("accepts every letter A–Z and digit 0–9, older codes' 0, O, 1 and I included", () => {
    expect(activateInviteCodeBody.parse({ code: "o0i1lz" })).toEqual({ code: "O0I1LZ" });
    expect(activateInviteCodeBody.parse({ code: "\u00A0ABC123 " })).toEqual({ code: "ABC123" });
  });

  it("rejects unknown fields", () => {
    expect(activateInviteCodeBody.safeParse({ code: "K7M2QX", extra: true }).success).toBe(false);
  });
});

describe("inviteeQuery", () => {
  it("defaults the limit to 50 and reads numbers from the query string", () => {
    expect(inviteeQuery.parse({})).toEqual({ limit: 50 });
    expect(inviteeQuery.parse({ limit: "1", cursor: "abc" })).toEqual({ limit: 1, cursor: "abc" });
    expect(inviteeQuery.parse({ limit: "100" })).toEqual({ limit: 100 });
  });

  it.each([["0"], ["101"], ["1.5"], ["x"], [""]])("rejects limit %j", (limit) => {
    expect(inviteeQuery.safeParse({ limit }).success).toBe(false);
  });
});
