import { expect } from "vitest";
import { and, eq, gt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import type { AuthTokens } from "@/lib/auth/schemas";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { api } from "./api";

let counter = 0;

/** A valid, unused Russian mobile number for this test file. */
export function uniquePhone(): string {
  counter += 1;
  const random = Math.floor(Math.random() * 10_000);
  return `+7999${String(random).padStart(4, "0")}${String(counter).padStart(3, "0")}`;
}

/** The code of the latest simulated SMS to a phone. */
export async function latestCode(phone: string): Promise<string> {
  const outbox = await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
  expect(outbox.status).toBe(200);
  const code = outbox.body.messages[0]?.code;
  if (!code) throw new Error(`No SMS was sent to ${phone}`);
  return code as string;
}

/** Requests a code and returns it, as a person reading the SMS would. */
export async function requestCode(phone: string, address?: string): Promise<string> {
  const sent = await api.post("/api/v1/auth/code", { phone }, { address });
  expect(sent.status, sent.text).toBe(200);
  return latestCode(phone);
}

/** Signs a phone in (creating the account on first use) and returns the verify answer. */
export async function signIn(phone = uniquePhone()): Promise<AuthTokens> {
  const code = await requestCode(phone);
  const verified = await api.post<AuthTokens>("/api/v1/auth/verify", { phone, code });
  expect(verified.status, verified.text).toBe(200);
  return verified.body;
}

/** Moves a phone's last code and its resend cooldown back in time, as if the cooldown had passed. */
export async function passCooldown(phone: string, seconds = 3600): Promise<void> {
  const db = await getDb();
  await db.execute(sql`update otp_codes set created_at = created_at - make_interval(secs => ${seconds}) where phone = ${phone}`);
  await shiftRateLimit(rateLimitKeys.resendPerPhone(phone), seconds);
}

/** Moves a rate-limit window back in time by `seconds` (past its end, it is over). */
export async function shiftRateLimit(key: string, seconds: number): Promise<void> {
  const db = await getDb();
  const back = sql`make_interval(secs => ${seconds})`;
  await db.execute(sql`update rate_limits set window_started_at = window_started_at - ${back}, expires_at = expires_at - ${back} where key = ${key}`);
}

/** The count of a rate-limit key in its current window (0 when there is none). */
export async function rateLimitCount(key: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), gt(rateLimits.expiresAt, sql`now()`)));
  return row?.count ?? 0;
}

/** A wrong code of the same length as `code`. */
export function wrongCodeFor(code: string): string {
  return code.startsWith("0") ? `1${code.slice(1)}` : `0${code.slice(1)}`;
}

/** Moves every refresh-token rotation back past REFRESH_REUSE_GRACE_SECONDS: presenting a rotated token again is reuse. */
export async function passRefreshReuseGrace(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`update refresh_tokens set rotated_at = rotated_at - interval '1 hour' where rotated_at is not null`);
}
