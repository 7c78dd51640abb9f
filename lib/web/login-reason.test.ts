import { describe, expect, it } from "vitest";
import { isLoginReason, loginPath, sessionEndedPath } from "./login-reason";

describe("loginPath", () => {
  it("names the reason and the page to return to", () => {
    expect(loginPath("session-ended", "/admin")).toBe("/login?reason=session-ended&next=%2Fadmin");
    expect(loginPath("signed-out")).toBe("/login?reason=signed-out");
    expect(loginPath()).toBe("/login");
  });

  it("leaves out a next that is the default, another site or the sign-in itself", () => {
    expect(loginPath("session-ended", "/profile")).toBe("/login?reason=session-ended");
    expect(loginPath("session-ended", "//evil.example")).toBe("/login?reason=session-ended");
    expect(loginPath("session-ended", "https://evil.example/")).toBe("/login?reason=session-ended");
    expect(loginPath(undefined, "/login?reason=x")).toBe("/login");
  });

  it("knows its reasons", () => {
    expect(isLoginReason("account-deleted") && !isLoginReason("other") && !isLoginReason(undefined)).toBe(true);
  });
});

describe("sessionEndedPath", () => {
  it("says whether the account was blocked or the session ended, and returns to the page", () => {
    expect(sessionEndedPath("account_blocked", "/admin")).toBe("/login?reason=account-blocked&next=%2Fadmin");
    expect(sessionEndedPath("invalid_token", "/profile?x=1")).toBe("/login?reason=session-ended&next=%2Fprofile%3Fx%3D1");
  });
});
