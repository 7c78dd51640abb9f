import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rateLimits, users } from "@/db/schema";
import { ACTIVATION_LOCK_TIMEOUT_MS, FAILED_ACTIVATIONS_PER_HOUR, INVITE_GRAPH_LOCK_KEY } from "@/lib/invites/activate-invite-code";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { profile } from "@/lib/users/schemas";
import { api } from "../helpers/api";
import { signIn } from "../helpers/flows";
import { activate, createAccount, createAccounts, problem } from "../helpers/invite-accounts";
import { expectProblem } from "../helpers/expect-problem";
import { expectRetryAfter } from "../helpers/problems";
import { expectForest } from "../helpers/referral-invariants";

const backend = process.env.TEST_DB;

/** Holds the invite-graph lock in a transaction of its own until `release` is called (PostgreSQL). */
async function holdGraphLock(): Promise<{ release: () => Promise<void> }> {
  const db = await getDb();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INVITE_GRAPH_LOCK_KEY})`);
    locked();
    await released;
  });
  await isLocked;
  return {
    release: async () => {
      release();
      await holder;
    },
  };
}

const notFound = (code: string) =>
  problem("invite_code_not_found", 404, "Invite code not found", `There is no invite code ${code}. Check it and try again.`);
const alreadyActivated = (code: string) =>
  problem(
    "invite_already_activated",
    409,
    "Invite code already activated",
    `You have already activated the invite code ${code}; an account can activate only one.`,
  );
const ownCode = (code: string) =>
  problem("invite_own_code", 422, "Own invite code", `${code} is your own invite code; activate somebody else's.`);
const cycle = (code: string) =>
  problem(
    "invite_cycle",
    422,
    "Invitation loop",
    `Activating ${code} would close a loop: its owner joined, directly or through others, with your invite code.`,
  );

describe("POST /api/v1/profile/invite-code", () => {
  it("activates a code given in any case with spaces, answers the profile, and the owner sees the invitee", async () => {
    const owner = await signIn();
    const invitee = await signIn();
    const before = Date.now();

    const activated = await api.post(
      "/api/v1/profile/invite-code",
      { code: `  ${owner.profile.inviteCode.toLowerCase()} ` },
      { token: invitee.accessToken },
    );

    expect(activated.status, activated.text).toBe(200);
    expect(profile.parse(activated.body)).toEqual({
      ...invitee.profile,
      activatedInviteCode: owner.profile.inviteCode,
      activatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    const activatedAt = Date.parse(activated.body.activatedAt);
    expect(activatedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(activatedAt).toBeLessThanOrEqual(Date.now() + 1000);

    const ownerProfile = await api.get("/api/v1/profile", { token: owner.accessToken });
    expect(ownerProfile.body.invitees).toEqual({
      total: 1,
      items: [{ phone: invitee.profile.phone, activatedAt: activated.body.activatedAt }],
      nextCursor: null,
    });
    const inviteeProfile = await api.get("/api/v1/profile", { token: invitee.accessToken });
    expect(inviteeProfile.body).toEqual(activated.body);
  });

  it("stores the activation time to the millisecond, as the API shows it", async () => {
    const [owner, invitee] = await createAccounts(2);
    const activated = await activate(invitee!, owner!.inviteCode);
    const db = await getDb();
    const [row] = await db
      .select({ micros: sql<string>`to_char(${users.activatedAt}, 'US')`, referrerId: users.referrerId })
      .from(users)
      .where(eq(users.id, invitee!.id));
    expect(row).toEqual({ micros: `${activated.body.activatedAt.slice(20, 23)}000`, referrerId: owner!.id });
  });

  it("keeps older codes with 0, O, 1 and I working, typed in any case", async () => {
    const [owner, invitee] = await createAccounts(2);
    const db = await getDb();
    // Codes made before the readable alphabet may hold any of A–Z0–9.
    const older = `O0I1${owner!.inviteCode.slice(0, 2)}`;
    await db.update(users).set({ inviteCode: older }).where(eq(users.id, owner!.id));
    const activated = await activate(invitee!, ` ${older.toLowerCase()} `);
    expect(activated.status, activated.text).toBe(200);
    expect(activated.body.activatedInviteCode).toBe(older);
  });

  it("gives new accounts codes without the look-alikes 0/O and 1/I", async () => {
    const accounts = await createAccounts(20);
    for (const account of accounts) expect(account.inviteCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });

  it("answers 404 naming a code nobody has", async () => {
    const me = await createAccount();
    const missing = await activate(me, " zz9zz9 ");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(notFound("ZZ9ZZ9"));
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("answers 422 for the account's own code", async () => {
    const me = await createAccount();
    const own = await activate(me, me.inviteCode.toLowerCase());
    expect(own.status).toBe(422);
    expect(own.body).toEqual(ownCode(me.inviteCode));
  });

  it("allows one activation per account: another code, the same code or a missing one is 409 naming the first", async () => {
    const [first, second, me] = await createAccounts(3);
    expect((await activate(me!, first!.inviteCode)).status).toBe(200);

    for (const code of [second!.inviteCode, first!.inviteCode, "ZZ9ZZ9", me!.inviteCode]) {
      const again = await activate(me!, code);
      expect(again.status).toBe(409);
      expect(again.body).toEqual(alreadyActivated(first!.inviteCode));
    }
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, me!.id));
    expect(row).toMatchObject({ referrerId: first!.id, activatedInviteCode: first!.inviteCode });
  });

  it("rejects malformed input with 400 and without credentials with 401", async () => {
    const me = await createAccount();
    const cases: [unknown, { path: string; message: string }[]][] = [
      [{ code: "ABC12" }, [{ path: "code", message: "An invite code is 6 letters (A–Z) and digits." }]],
      [{ code: "ABC1234" }, [{ path: "code", message: "An invite code is 6 letters (A–Z) and digits." }]],
      [{ code: "ABC-12" }, [{ path: "code", message: "An invite code is 6 letters (A–Z) and digits." }]],
      [{ code: "ÄBC123" }, [{ path: "code", message: "An invite code is 6 letters (A–Z) and digits." }]],
      [{ code: 123456 }, [{ path: "code", message: expect.any(String) }]],
      [{}, [{ path: "code", message: expect.any(String) }]],
      [{ code: "ABC123", referrer: "x" }, [{ path: "referrer", message: "Unknown field." }]],
      [["ABC123"], [{ path: "(root)", message: expect.any(String) }]],
    ];
    for (const [body, errors] of cases) {
      const answer = await api.post("/api/v1/profile/invite-code", body, { token: me.token });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toEqual({
        ...problem("validation_error", 400, "Validation failed", "The request body has invalid or missing fields."),
        errors,
      });
    }
    for (const body of [undefined, "{not json"]) {
      const broken = await api.post("/api/v1/profile/invite-code", undefined, {
        token: me.token,
        body,
        headers: { "content-type": "application/json" },
      });
      expect(broken.status).toBe(400);
      expect(broken.body.code).toMatch(/^(invalid_json|validation_error)$/);
    }

    const anonymous = await api.post("/api/v1/profile/invite-code", { code: me.inviteCode });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe("unauthorized");
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, me.id));
    expect(row).toMatchObject({ referrerId: null, activatedInviteCode: null, activatedAt: null });
  });

  it("refuses non-ASCII look-alikes of a real code with 400, before upper-casing can turn them into it", async () => {
    const [owner, me] = await createAccounts(2);
    const db = await getDb();
    // ſ → S, ı → I, ß → SS, ﬀ → FF, ﬁ → FI when upper-cased.
    const lookAlikes: [string, string][] = [["ABCDES", "ABCDEſ"], ["ABCDEI", "ıbcdei"], ["ABCDSS", "ABCDß"], ["ABCDFF", "abcdﬀ"], ["FIABCD", "ﬁABCD"]];
    for (const [real, lookAlike] of lookAlikes) {
      await db.update(users).set({ inviteCode: real }).where(eq(users.id, owner!.id));
      const answer = await activate(me!, lookAlike);
      expect(answer.status, `${lookAlike}: ${answer.text}`).toBe(400);
      expect(answer.body).toEqual({
        ...problem("validation_error", 400, "Validation failed", "The request body has invalid or missing fields."),
        errors: [{ path: "code", message: "An invite code is 6 letters (A–Z) and digits." }],
      });
    }
    const [row] = await db.select().from(users).where(eq(users.id, me!.id));
    expect(row).toMatchObject({ referrerId: null, activatedInviteCode: null });
    expect((await activate(me!, "fiabcd")).status).toBe(200);
  });

  describe("failed activations per account", () => {
    it(`allows ${FAILED_ACTIVATIONS_PER_HOUR} failures an hour, then answers 429 before looking, even for a code that works`, async () => {
      const [owner, me, other] = await createAccounts(3);
      for (let i = 0; i < FAILED_ACTIVATIONS_PER_HOUR; i++) {
        expect((await activate(me!, "ZZ9ZZ9")).status).toBe(404);
      }
      const locked = await activate(me!, owner!.inviteCode);
      expectProblem(locked, "rate_limited", { detail: "Too many invite codes that could not be activated. Please try again later." });
      expectRetryAfter(locked, 3500, 3600);
      const [row] = await (await getDb()).select().from(users).where(eq(users.id, me!.id));
      expect(row).toMatchObject({ referrerId: null, activatedInviteCode: null });
      // Only that account is held back.
      expect((await activate(other!, owner!.inviteCode)).status).toBe(200);
    });

    it("counts 404, 409 and 422 (each rolled back with its transaction), not 400 or the success", async () => {
      const [owner, me] = await createAccounts(2);
      for (let i = 0; i < 25; i++) expect((await activate(me!, "bad")).status).toBe(400);
      expect((await activate(me!, me!.inviteCode)).status).toBe(422);
      expect((await activate(me!, "ZZ9ZZ9")).status).toBe(404);
      expect((await activate(me!, owner!.inviteCode)).status).toBe(200);
      for (let i = 2; i < FAILED_ACTIVATIONS_PER_HOUR; i++) expect((await activate(me!, owner!.inviteCode)).status).toBe(409);
      expectProblem(await activate(me!, owner!.inviteCode), "rate_limited");
      const [window] = await (await getDb())
        .select({ count: rateLimits.count })
        .from(rateLimits)
        .where(eq(rateLimits.key, rateLimitKeys.failedActivationsPerAccount(me!.id)));
      expect(window).toEqual({ count: FAILED_ACTIVATIONS_PER_HOUR });
    });

    it("opens again when the hour is over", async () => {
      const [owner, me] = await createAccounts(2);
      for (let i = 0; i < FAILED_ACTIVATIONS_PER_HOUR; i++) await activate(me!, "ZZ9ZZ9");
      expectProblem(await activate(me!, owner!.inviteCode), "rate_limited");
      await (await getDb())
        .update(rateLimits)
        .set({ expiresAt: sql`now() - interval '1 second'` })
        .where(eq(rateLimits.key, rateLimitKeys.failedActivationsPerAccount(me!.id)));
      expect((await activate(me!, owner!.inviteCode)).status).toBe(200);
    });
  });

  // PGlite has one connection: nothing else can hold the lock there.
  it.runIf(backend === "postgres")("answers 503 with Retry-After when the invite graph stays locked too long, and 429 without waiting", async () => {
    const [owner, me, lockedOut] = await createAccounts(3);
    await (await getDb()).insert(rateLimits).values({
      key: rateLimitKeys.failedActivationsPerAccount(lockedOut!.id),
      count: FAILED_ACTIVATIONS_PER_HOUR,
      windowStartedAt: sql`now()`,
      expiresAt: sql`now() + interval '1 hour'`,
    });
    const lock = await holdGraphLock();
    try {
      let started = performance.now();
      const busy = await activate(me!, owner!.inviteCode);
      const waited = performance.now() - started;
      expectProblem(busy, "service_unavailable", { detail: "Invite codes are busy right now. Please try again in a few seconds." });
      expect(busy.headers.get("retry-after")).toBe(String(ACTIVATION_LOCK_TIMEOUT_MS / 1000));
      expect(waited).toBeGreaterThanOrEqual(ACTIVATION_LOCK_TIMEOUT_MS - 100);
      expect(waited).toBeLessThan(ACTIVATION_LOCK_TIMEOUT_MS + 3000);

      started = performance.now();
      expectProblem(await activate(lockedOut!, owner!.inviteCode), "rate_limited");
      expect(performance.now() - started).toBeLessThan(ACTIVATION_LOCK_TIMEOUT_MS / 2);
    } finally {
      await lock.release();
    }
    // The 503 neither activated nor counted.
    expect((await activate(me!, owner!.inviteCode)).status).toBe(200);
  });

  describe("loops", () => {
    it("depth 1: if B activated A's code, A cannot activate B's", async () => {
      const [a, b] = await createAccounts(2);
      expect((await activate(b!, a!.inviteCode)).status).toBe(200);
      const back = await activate(a!, b!.inviteCode);
      expect(back.status).toBe(422);
      expect(back.body).toEqual(cycle(b!.inviteCode));
    });

    it("depth 2: if B activated A's and C activated B's, A cannot activate C's; a newcomer still can", async () => {
      const [a, b, c, newcomer] = await createAccounts(4);
      expect((await activate(b!, a!.inviteCode)).status).toBe(200);
      expect((await activate(c!, b!.inviteCode)).status).toBe(200);
      const closing = await activate(a!, c!.inviteCode);
      expect(closing.status).toBe(422);
      expect(closing.body).toEqual(cycle(c!.inviteCode));
      expect((await activate(newcomer!, c!.inviteCode)).status).toBe(200);
      expect((await activate(a!, newcomer!.inviteCode)).body).toEqual(cycle(newcomer!.inviteCode));
    });

    it("depth 50: the root of a 50-long chain can activate none of its codes, but one outside it", async () => {
      const chain = await createAccounts(51);
      for (let i = 1; i < chain.length; i++) {
        const step = await activate(chain[i]!, chain[i - 1]!.inviteCode);
        expect(step.status, step.text).toBe(200);
      }
      const root = chain[0]!;
      for (const below of [chain[50]!, chain[25]!, chain[1]!]) {
        const closing = await activate(root, below.inviteCode);
        expect(closing.status).toBe(422);
        expect(closing.body).toEqual(cycle(below.inviteCode));
      }
      const outsider = await createAccount();
      const allowed = await activate(root, outsider.inviteCode);
      expect(allowed.status, allowed.text).toBe(200);
      // The forest grew a level on top; the leaf still cannot reach back.
      expect((await activate(outsider, chain[50]!.inviteCode)).body).toEqual(cycle(chain[50]!.inviteCode));
    });
  });

  it("splits a tree when an account in it is deleted: the old root may then join the part cut off", async () => {
    const [a, b, c, d] = await createAccounts(4);
    expect((await activate(b!, a!.inviteCode)).status).toBe(200);
    expect((await activate(c!, b!.inviteCode)).status).toBe(200);
    expect((await activate(d!, c!.inviteCode)).status).toBe(200);
    expect((await activate(a!, d!.inviteCode)).body).toEqual(cycle(d!.inviteCode));

    expect((await api.delete("/api/v1/profile", { token: b!.token })).status).toBe(204);
    await expectForest();
    // c and d now form a tree of their own, rooted at c: a is no longer above them.
    const joined = await activate(a!, d!.inviteCode);
    expect(joined.status, joined.text).toBe(200);
    await expectForest();
    const rows = await (await getDb())
      .select({ id: users.id, rootId: users.rootId })
      .from(users)
      .where(sql`${users.id} in ${[a!.id, c!.id, d!.id]}`);
    expect(new Map(rows.map((row) => [row.id, row.rootId]))).toEqual(new Map([[a!.id, c!.id], [c!.id, null], [d!.id, c!.id]]));
  });

  it("keeps a deleted referrer's code on the invitee, who still cannot activate another", async () => {
    const [referrer, invitee, other] = await createAccounts(3);
    const activated = await activate(invitee!, referrer!.inviteCode);
    expect(activated.status).toBe(200);

    const db = await getDb();
    await db.delete(users).where(eq(users.id, referrer!.id));

    const after = await api.get("/api/v1/profile", { token: invitee!.token });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      activatedInviteCode: referrer!.inviteCode,
      activatedAt: activated.body.activatedAt,
    });
    const [row] = await db.select().from(users).where(eq(users.id, invitee!.id));
    expect(row).toMatchObject({ referrerId: null, activatedInviteCode: referrer!.inviteCode });

    const again = await activate(invitee!, other!.inviteCode);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(alreadyActivated(referrer!.inviteCode));
    // The deleted account's code no longer exists for anybody else.
    expect((await activate(other!, referrer!.inviteCode)).body).toEqual(notFound(referrer!.inviteCode));
  });

  it("answers 401 once the account is gone, never 500", async () => {
    const [owner, ghost] = await createAccounts(2);
    await (await getDb()).delete(users).where(eq(users.id, ghost!.id));
    const answer = await activate(ghost!, owner!.inviteCode);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("invalid_token");
  });
});
