import { describe, expect, it } from "vitest";
import { activateInviteCodeBody, inviteeQuery } from "./schemas";

describe("activateInviteCodeBody", () => {
  it("trims and upper-cases the code", () => {
    expect(activateInviteCodeBody.parse({ code: "  k7m2qx\n" })).toEqual({ code: "K7M2QX" });
  });

  it.each([["K7M2Q"], ["K7M2QX1"], ["K7M-QX"], ["К7М2QX"], [""]])("rejects %j", (code) => {
    expect(activateInviteCodeBody.safeParse({ code }).success).toBe(false);
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
