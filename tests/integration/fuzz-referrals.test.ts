import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { api } from "../helpers/api";
import { activate, createAccount, createAccounts, type TestAccount } from "../helpers/invite-accounts";
import { expectCountersMatchRows, expectForest } from "../helpers/referral-invariants";

type Op = { kind: "signUp" } | { kind: "activate"; who: number; whose: number } | { kind: "delete"; who: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "signUp" as const }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("activate" as const), who: fc.nat(), whose: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), who: fc.nat() }) },
);
// Batches run one after another; the operations of a batch run at the same time.
const batches = fc.array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 });

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

interface Model {
  accounts: TestAccount[];
  deleted: Set<string>;
  /** The account whose code each account activated, by the 200 answers. */
  activated: Map<string, TestAccount[]>;
}

async function apply(model: Model, batch: Op[]): Promise<void> {
  const accounts = [...model.accounts];
  await Promise.all(
    batch.map(async (step) => {
      if (step.kind === "signUp") {
        model.accounts.push(await createAccount());
      } else if (step.kind === "activate") {
        const who = accounts[step.who % accounts.length]!;
        const whose = accounts[step.whose % accounts.length]!;
        const answer = await activate(who, whose.inviteCode);
        expect([200, 401, 404, 409, 422], answer.text).toContain(answer.status);
        if (answer.status === 200) model.activated.set(who.id, [...(model.activated.get(who.id) ?? []), whose]);
        else expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      } else {
        const who = accounts[step.who % accounts.length]!;
        const answer = await api.delete("/api/v1/profile", { token: who.token });
        expect([204, 401], answer.text).toContain(answer.status);
        // Two deletions of one account at the same time may both answer 204 (both were signed in when they
        // started; DELETE is idempotent); the account is gone either way, which expectInvariants checks.
        if (answer.status === 204) model.deleted.add(who.id);
      }
    }),
  );
}

async function expectInvariants(model: Model): Promise<void> {
  const db = await getDb();
  const rows = await db
    .select({ id: users.id, referrerId: users.referrerId, activatedInviteCode: users.activatedInviteCode })
    .from(users)
    .where(sql`${users.id} in ${model.accounts.map((account) => account.id)}`);
  const byId = new Map(rows.map((row) => [row.id, row]));

  for (const account of model.accounts) {
    const row = byId.get(account.id);
    const wins = model.activated.get(account.id) ?? [];
    expect(wins.length, `activations of ${account.phone}`).toBeLessThanOrEqual(1);
    if (model.deleted.has(account.id)) {
      expect(row).toBeUndefined();
      expect((await api.get("/api/v1/profile", { token: account.token })).status).toBe(401);
      continue;
    }
    expect(row, `${account.phone} exists`).toBeDefined();
    const referrer = wins[0];
    // Activated once, with the code of the 200 answer; the link goes when the referrer's account goes.
    expect(row?.activatedInviteCode ?? null).toBe(referrer?.inviteCode ?? null);
    expect(row?.referrerId ?? null).toBe(referrer && !model.deleted.has(referrer.id) ? referrer.id : null);

    const invitees = await api.get<{ total: number }>("/api/v1/profile/invitees?limit=1", { token: account.token });
    expect(invitees.status).toBe(200);
    const expected = model.accounts.filter((other) => !model.deleted.has(other.id) && model.activated.get(other.id)?.[0]?.id === account.id).length;
    expect(invitees.body.total, `invitees of ${account.phone}`).toBe(expected);
  }

  // No loops anywhere in the table: every chain of referrers ends at a root.
  await expectForest();
  // The counters behind the invitee totals and the admin stats equal counting the rows.
  await expectCountersMatchRows();
}

describe("random concurrent sign-ups, activations and deletions", () => {
  // The database's first account is its administrator, who may not delete it (409 last_admin): keep it out of the model.
  beforeAll(async () => {
    await createAccount();
  });

  it("keep one activation per account, no loops and true invitee counts", { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), batches, async (initial, steps) => {
        const model: Model = { accounts: await createAccounts(initial), deleted: new Set(), activated: new Map() };
        for (const batch of steps) await apply(model, batch);
        await expectInvariants(model);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
