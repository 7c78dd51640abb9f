import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { api } from "../helpers/api";
import { activate, createAccount, createAccounts } from "../helpers/invite-accounts";
import { expectCountersMatchRows } from "../helpers/referral-invariants";

async function inviteeCount(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ count: users.inviteeCount }).from(users).where(eq(users.id, userId));
  return row!.count;
}

describe("the counters the users_count_* triggers keep", () => {
  // The database's first account is its administrator, who may not delete it (409 last_admin): not one of these.
  beforeAll(async () => {
    await createAccount();
  });

  it("follow activations, deletions of invitees and deletions of referrers", async () => {
    const [owner, first, second, third] = await createAccounts(4);
    for (const invitee of [first!, second!, third!]) expect((await activate(invitee, owner!.inviteCode)).status).toBe(200);
    expect(await inviteeCount(owner!.id)).toBe(3);
    await expectCountersMatchRows();

    expect((await api.delete("/api/v1/profile", { token: second!.token })).status).toBe(204);
    expect(await inviteeCount(owner!.id)).toBe(2);
    const page = await api.get<{ total: number }>("/api/v1/profile/invitees", { token: owner!.token });
    expect(page.body.total).toBe(2);
    await expectCountersMatchRows();

    // The referrer goes: its invitees keep their activation (still counted as activations), linked to nobody.
    expect((await activate(owner!, (await createAccount()).inviteCode)).status).toBe(200);
    expect((await api.delete("/api/v1/profile", { token: owner!.token })).status).toBe(204);
    await expectCountersMatchRows();
  });

  it("count a bulk insert of 5,000 invitees of one owner in one statement", async () => {
    const owner = await createAccount();
    const db = await getDb();
    await db.execute(sql`
      insert into users (phone, invite_code, referrer_id, activated_invite_code, activated_at, created_at)
      select '+7966' || lpad(g::text, 7, '0'), 'Y' || lpad(upper(to_hex(g)), 5, '0'), ${owner.id}::uuid, ${owner.inviteCode},
             now(), now() - make_interval(days => g % 40)
      from generate_series(1, 5000) g`);
    expect(await inviteeCount(owner.id)).toBe(5000);
    await expectCountersMatchRows();

    // Moved to other days, and then deleted in bulk.
    await db.execute(sql`update users set created_at = created_at - interval '3 days' where referrer_id = ${owner.id} and phone like '+7966%5'`);
    await expectCountersMatchRows();
    await db.execute(sql`delete from users where referrer_id = ${owner.id} and phone like '+7966%7'`);
    expect(await inviteeCount(owner.id)).toBe(4500);
    await expectCountersMatchRows();
  });

  it("let an account and its referrer be deleted at the same time without a deadlock", async () => {
    for (let round = 0; round < 10; round++) {
      const [referrer, invitee] = await createAccounts(2);
      expect((await activate(invitee!, referrer!.inviteCode)).status).toBe(200);
      const answers = await Promise.all([referrer!, invitee!].map((account) => api.delete("/api/v1/profile", { token: account.token })));
      expect(answers.map((answer) => answer.status)).toEqual([204, 204]);
    }
    await expectCountersMatchRows();
  });

  it("are set right again by recount_users() after a load that bypassed the trigger", async () => {
    const [owner, invitee] = await createAccounts(2);
    expect((await activate(invitee!, owner!.inviteCode)).status).toBe(200);
    const db = await getDb();
    await db.execute(sql`update users set invitee_count = 42 where id = ${owner!.id}`);
    await db.execute(sql`update user_stats set users = users + 7`);
    await db.execute(sql`select recount_users()`);
    expect(await inviteeCount(owner!.id)).toBe(1);
    await expectCountersMatchRows();
  });
});
