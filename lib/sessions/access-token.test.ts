import { SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { signAccessToken, verifyAccessToken } from "./access-token";

const SECRET = "unit-test-secret-of-at-least-32-characters";
const key = new TextEncoder().encode(SECRET);
const claims = { userId: "0b9d7c8e-3f0e-4d36-9a49-6f1f3a3b8c11", sessionId: "5c1e8f2a-0000-4000-8000-000000000001" };

function token(options: { alg?: string; key?: Uint8Array; sub?: string | null; sid?: string | null; iss?: string; aud?: string; exp?: number | null }) {
  const payload: Record<string, unknown> = {};
  if (options.sid !== null) payload.sid = options.sid ?? claims.sessionId;
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? "HS256", typ: "JWT" })
    .setIssuer(options.iss ?? "phone-referrals")
    .setAudience(options.aud ?? "phone-referrals-api")
    .setIssuedAt();
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? "15m");
  if (options.sub !== null) jwt.setSubject(options.sub ?? claims.userId);
  return jwt.sign(options.key ?? key);
}

beforeAll(() => {
  process.env.JWT_SECRET = SECRET;
  process.env.ACCESS_TOKEN_TTL_SECONDS = "600";
  resetEnvCache();
});

afterAll(() => {
  delete process.env.JWT_SECRET;
  delete process.env.ACCESS_TOKEN_TTL_SECONDS;
  resetEnvCache();
});

describe("access tokens", () => {
  it("round-trips the user and the session", async () => {
    const signed = await signAccessToken(claims);
    expect(await verifyAccessToken(signed)).toEqual(claims);
    const [header, payload] = signed.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toMatchObject({ sub: claims.userId, sid: claims.sessionId, iss: "phone-referrals", aud: "phone-referrals-api" });
    expect(payload.exp - payload.iat).toBe(600);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(await signAccessToken(claims)).not.toBe(signed);
  });

  it("accepts a token built the same way by hand (the test helper is faithful)", async () => {
    expect(await verifyAccessToken(await token({}))).toEqual(claims);
  });

  it("refuses an expired token", async () => {
    expect(await verifyAccessToken(await token({ exp: Math.floor(Date.now() / 1000) - 5 }))).toBeNull();
  });

  it("refuses a token without an expiry, which would otherwise be valid for ever", async () => {
    const unbounded = await token({ exp: null });
    expect(JSON.parse(Buffer.from(unbounded.split(".")[1]!, "base64url").toString())).not.toHaveProperty("exp");
    expect(await verifyAccessToken(unbounded)).toBeNull();
  });

  it("refuses a token signed with another secret", async () => {
    expect(await verifyAccessToken(await token({ key: new TextEncoder().encode("another-secret-of-at-least-32-chars!!") }))).toBeNull();
  });

  it("refuses alg none", async () => {
    const unsecured = new UnsecuredJWT({ sid: claims.sessionId })
      .setSubject(claims.userId)
      .setIssuer("phone-referrals")
      .setAudience("phone-referrals-api")
      .setIssuedAt()
      .setExpirationTime("15m")
      .encode();
    expect(unsecured.endsWith(".")).toBe(true);
    expect(await verifyAccessToken(unsecured)).toBeNull();
  });

  it.each(["HS384", "HS512"])("refuses %s even with our secret", async (alg) => {
    expect(await verifyAccessToken(await token({ alg }))).toBeNull();
  });

  it("refuses a token of another issuer or audience", async () => {
    expect(await verifyAccessToken(await token({ iss: "someone-else" }))).toBeNull();
    expect(await verifyAccessToken(await token({ aud: "another-api" }))).toBeNull();
  });

  it("refuses a token without its claims", async () => {
    expect(await verifyAccessToken(await token({ sub: null }))).toBeNull();
    expect(await verifyAccessToken(await token({ sid: null }))).toBeNull();
  });

  it.each(["", "garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..sig"])("refuses the malformed token %j", async (value) => {
    expect(await verifyAccessToken(value)).toBeNull();
  });

  it("refuses a token whose payload was changed", async () => {
    const [header, , signature] = (await signAccessToken(claims)).split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "someone", sid: claims.sessionId, iss: "phone-referrals", aud: "phone-referrals-api", exp: 9_999_999_999 })).toString("base64url");
    expect(await verifyAccessToken(`${header}.${forged}.${signature}`)).toBeNull();
  });
});
