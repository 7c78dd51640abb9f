import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { adminStats } from "@/lib/admin/schemas";
import type { AuthTokens } from "@/lib/auth/schemas";
import { linkReferral } from "../helpers/accounts";
import { api } from "../helpers/api";
import { signIn } from "../helpers/flows";

let admin: AuthTokens;

beforeAll(async () => {
  admin = await signIn();
});

async function backdate(userId: string, days: number): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ createdAt: sql`now() - make_interval(days => ${days})` }).where(eq(users.id, userId));
}

function utcDate(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

describe("GET /api/v1/admin/stats", () => {
  it("counts accounts, activations, top referrers and sign-ups per day for the last 30 days", async () => {
    const [top, second, invitees] = [await signIn(), await signIn(), await Promise.all([1, 2, 3, 4].map(() => signIn()))];
    await linkReferral(invitees[0]!.profile.id, top.profile);
    await linkReferral(invitees[1]!.profile.id, top.profile);
    await linkReferral(invitees[2]!.profile.id, second.profile);
    await linkReferral(second.profile.id, top.profile);
    await backdate(invitees[3]!.profile.id, 3);
    await backdate(invitees[2]!.profile.id, 29);
    await backdate(invitees[1]!.profile.id, 40);

    const response = await api.get("/api/v1/admin/stats", { token: admin.accessToken });
    expect(response.status).toBe(200);
    const stats = adminStats.parse(response.body);
    expect(stats.users).toBe(7);
    expect(stats.activations).toBe(4);
    expect(stats.topReferrers).toEqual([
      { phone: top.profile.phone, inviteCode: top.profile.inviteCode, invitees: 3 },
      { phone: second.profile.phone, inviteCode: second.profile.inviteCode, invitees: 1 },
    ]);

    expect(stats.signupsPerDay).toHaveLength(30);
    expect(stats.signupsPerDay.at(-1)).toEqual({ date: utcDate(0), count: 4 });
    expect(stats.signupsPerDay[0]).toEqual({ date: utcDate(29), count: 1 });
    expect(stats.signupsPerDay.find((day) => day.date === utcDate(3))).toEqual({ date: utcDate(3), count: 1 });
    expect(stats.signupsPerDay.reduce((sum, day) => sum + day.count, 0)).toBe(6);
    const dates = stats.signupsPerDay.map((day) => day.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(30);
  });

  it("stops counting a deleted referrer, and keeps its invitees' activations", async () => {
    const before = adminStats.parse((await api.get("/api/v1/admin/stats", { token: admin.accessToken })).body);
    const referrer = await signIn();
    const invitee = await signIn();
    await linkReferral(invitee.profile.id, referrer.profile);
    const during = adminStats.parse((await api.get("/api/v1/admin/stats", { token: admin.accessToken })).body);
    expect(during.topReferrers.map((row) => row.phone)).toContain(referrer.profile.phone);

    expect((await api.delete("/api/v1/profile", { token: referrer.accessToken })).status).toBe(204);
    const after = adminStats.parse((await api.get("/api/v1/admin/stats", { token: admin.accessToken })).body);
    expect(after.users).toBe(before.users + 1);
    expect(after.activations).toBe(before.activations + 1);
    expect(after.topReferrers).toEqual(before.topReferrers);
    const users = await api.get(`/api/v1/admin/users?query=${encodeURIComponent(referrer.profile.phone)}`, { token: admin.accessToken });
    expect(users.body).toEqual({ total: 0, items: [], nextCursor: null });
  });
});
