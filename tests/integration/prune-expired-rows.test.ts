import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { otpCodes, rateLimits, sessions, smsOutbox } from "@/db/schema";
import { pruneExpiredRows } from "@/lib/maintenance/prune-expired-rows";
import { api } from "../helpers/api";
import { requestCode, signIn, uniquePhone } from "../helpers/flows";

describe("pruneExpiredRows", () => {
  it("deletes only what has long ended, and live sessions keep working", async () => {
    const db = await getDb();
    const live = await signIn();
    const stale = uniquePhone();
    await requestCode(stale);
    await db.execute(sql`update otp_codes set expires_at = now() - interval '2 days' where phone = ${stale}`);
    await db.execute(sql`update sms_outbox set sent_at = now() - interval '2 days' where phone = ${stale}`);
    await db.insert(rateLimits).values([
      { key: "test:closed", count: 3, windowStartedAt: sql`now() - interval '2 hours'`, expiresAt: sql`now() - interval '1 hour'` },
      { key: "test:open", count: 1, windowStartedAt: sql`now()`, expiresAt: sql`now() + interval '1 hour'` },
    ]);
    const ended = await signIn();
    await db.execute(sql`update sessions set expires_at = now() - interval '2 days' where user_id = ${ended.profile.id}`);

    await pruneExpiredRows({ db });

    const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys).toContain("test:open");
    expect(keys).not.toContain("test:closed");
    expect(await db.select().from(otpCodes).where(sql`${otpCodes.phone} = ${stale}`)).toHaveLength(0);
    expect(await db.select().from(smsOutbox).where(sql`${smsOutbox.phone} = ${stale}`)).toHaveLength(0);
    expect(await db.select().from(sessions).where(sql`${sessions.userId} = ${ended.profile.id}`)).toHaveLength(0);
    expect((await api.get("/api/v1/profile", { token: live.accessToken })).status).toBe(200);
  });
});
