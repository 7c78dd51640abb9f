import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { generateRefreshToken, hashRefreshToken } from "./refresh-token";
import { ACCESS_COOKIE, clearSessionCookies, readCookie, REFRESH_COOKIE, setSessionCookies } from "./session-cookies";

const tokens = { accessToken: "access.jwt.value", refreshToken: "refresh-value", tokenType: "Bearer" as const, expiresIn: 900 };

const variables = process.env as Record<string, string | undefined>;

afterEach(() => {
  for (const name of ["JWT_SECRET", "SMS_PROVIDER", "DEMO_MODE"]) delete variables[name];
  variables.NODE_ENV = "test";
  resetEnvCache();
});

describe("session cookies", () => {
  it("sets httpOnly, SameSite=Lax cookies for the whole site (pages check the refresh cookie to resume a session)", () => {
    const headers = new Headers();
    setSessionCookies(headers, tokens);
    expect(headers.getSetCookie()).toEqual([
      "pr_access=access.jwt.value; Path=/; Max-Age=900; HttpOnly; SameSite=Lax",
      "pr_refresh=refresh-value; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax",
    ]);
  });

  it("marks them Secure in production", () => {
    Object.assign(variables, { NODE_ENV: "production", JWT_SECRET: "p".repeat(32), SMS_PROVIDER: "simulated", DEMO_MODE: "true" });
    resetEnvCache();
    const headers = new Headers();
    setSessionCookies(headers, tokens);
    clearSessionCookies(headers);
    expect(headers.getSetCookie()).toHaveLength(4);
    for (const cookie of headers.getSetCookie()) expect(cookie).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
  });

  it("clears both cookies", () => {
    const headers = new Headers();
    clearSessionCookies(headers);
    expect(headers.getSetCookie()).toEqual([
      "pr_access=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
      "pr_refresh=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    ]);
  });

  it("reads one cookie out of a Cookie header", () => {
    const headers = new Headers({ cookie: `theme=dark; ${ACCESS_COOKIE}=abc.def=; ${REFRESH_COOKIE}= ; x${ACCESS_COOKIE}=no` });
    expect(readCookie(headers, ACCESS_COOKIE)).toBe("abc.def=");
    expect(readCookie(headers, REFRESH_COOKIE)).toBeUndefined();
    expect(readCookie(headers, "missing")).toBeUndefined();
    expect(readCookie(new Headers(), ACCESS_COOKIE)).toBeUndefined();
  });
});

describe("refresh tokens", () => {
  it("are 256 random bits, stored as a SHA-256", () => {
    const token = generateRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateRefreshToken()).not.toBe(token);
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token));
    expect(hashRefreshToken(token)).not.toContain(token);
    expect(hashRefreshToken(token)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
