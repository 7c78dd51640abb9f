import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { encodeCursor } from "@/lib/pagination/cursor";
import { inviteePageQuery } from "@/lib/invites/invitee-page-query";
import { inviteePage } from "@/lib/invites/schemas";
import { api } from "../helpers/api";
import { activate, createAccount, createAccounts, problem, type TestAccount } from "../helpers/invite-accounts";

const backend = process.env.TEST_DB;
let seeded = 0;

/**
 * `count` invitees of `owner` in one statement; the i-th (1-based) activated at `start + step * i`.
 * Their phones and codes come from a range no other account in the file uses.
 */
async function seedInvitees(owner: TestAccount, count: number, start = "2026-01-01T00:00:00Z", step = "1 millisecond") {
  const from = seeded + 1;
  seeded += count;
  await (await getDb()).execute(sql`
    insert into users (phone, invite_code, referrer_id, activated_invite_code, activated_at)
    select '+7955' || lpad(g::text, 7, '0'), 'Z' || lpad(upper(to_hex(g)), 5, '0'), ${owner.id}::uuid, ${owner.inviteCode},
           ${start}::timestamptz + (g - ${from}::int + 1) * ${step}::interval
    from generate_series(${from}::int, ${seeded}::int) g`);
}

async function page(account: TestAccount, query: string) {
  const answer = await api.get(`/api/v1/profile/invitees${query}`, { token: account.token });
  expect(answer.status, answer.text).toBe(200);
  return inviteePage.parse(answer.body);
}

/** Every phone, walking the pages with `limit`; `between` runs before each next page. */
async function walk(account: TestAccount, limit: number, between?: (pageIndex: number) => Promise<void>) {
  const phones: string[] = [];
  let cursor: string | null = null;
  for (let index = 0; ; index++) {
    const current = await page(account, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(current.items.length).toBeLessThanOrEqual(limit);
    phones.push(...current.items.map((item) => item.phone));
    cursor = current.nextCursor;
    if (!cursor) return phones;
    expect(current.items).toHaveLength(limit);
    await between?.(index);
  }
}

async function phonesNewestFirst(owner: TestAccount): Promise<string[]> {
  const rows = await (await getDb())
    .select({ phone: users.phone })
    .from(users)
    .where(eq(users.referrerId, owner.id))
    .orderBy(desc(users.activatedAt), desc(users.id));
  return rows.map((row) => row.phone);
}

describe("GET /api/v1/profile/invitees", () => {
  it("answers an empty first page, and 401 without credentials", async () => {
    const owner = await createAccount();
    expect(await page(owner, "")).toEqual({ total: 0, items: [], nextCursor: null });
    const anonymous = await api.get("/api/v1/profile/invitees");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe("unauthorized");
  });

  it("pages newest first with no duplicates or gaps while new invitees arrive between pages", async () => {
    const owner = await createAccount();
    const early = await createAccounts(7);
    for (const invitee of early) expect((await activate(invitee, owner.inviteCode)).status).toBe(200);
    const late = await createAccounts(3);

    const walked = await walk(owner, 3, async (index) => {
      // Two newcomers before the second page, one before the third.
      for (const invitee of index === 0 ? late.slice(0, 2) : late.slice(2, index === 1 ? 3 : 2)) {
        expect((await activate(invitee, owner.inviteCode)).status).toBe(200);
      }
    });

    expect(walked).toEqual([...early].reverse().map((invitee) => invitee.phone));
    const fresh = await page(owner, "?limit=3");
    expect(fresh.total).toBe(10);
    expect(fresh.items.map((item) => item.phone)).toEqual([...late].reverse().map((invitee) => invitee.phone));
    expect(await walk(owner, 4)).toEqual(await phonesNewestFirst(owner));
  });

  it("breaks ties of equal activation times by id", async () => {
    const owner = await createAccount();
    await seedInvitees(owner, 25, "2026-02-01T00:00:00Z", "0 seconds");
    const walked = await walk(owner, 4);
    expect(walked).toHaveLength(25);
    expect(new Set(walked).size).toBe(25);
    expect(walked).toEqual(await phonesNewestFirst(owner));
  });

  it("loses nothing when activations stored by other means differ only in microseconds", async () => {
    const owner = await createAccount();
    await seedInvitees(owner, 10, "2026-03-01T00:00:00.123Z", "1 microsecond");
    const walked = await walk(owner, 3);
    expect(walked).toEqual(await phonesNewestFirst(owner));
    expect(walked).toHaveLength(10);
  });

  it("defaults to 50, allows 1 to 100, and the profile carries the first 50 with total and cursor", async () => {
    const owner = await createAccount();
    await seedInvitees(owner, 120, "2026-04-01T00:00:00Z");
    const all = await phonesNewestFirst(owner);

    const first = await page(owner, "");
    expect(first.total).toBe(120);
    expect(first.items.map((item) => item.phone)).toEqual(all.slice(0, 50));
    expect(first.items[0]!.activatedAt).toBe("2026-04-01T00:00:00.120Z");

    const profile = await api.get("/api/v1/profile", { token: owner.token });
    expect(profile.body.invitees).toEqual(first);
    const rest = await page(owner, `?limit=100&cursor=${first.nextCursor}`);
    expect(rest.items.map((item) => item.phone)).toEqual(all.slice(50, 120));
    expect(rest.nextCursor).toBeNull();

    const one = await page(owner, "?limit=1");
    expect(one.items.map((item) => item.phone)).toEqual(all.slice(0, 1));
    expect((await page(owner, "?limit=100")).items).toHaveLength(100);
  });

  it("answers 400, never 500, for a bad limit, cursor or parameter", async () => {
    const owner = await createAccount();
    const invalidQuery = (path: string, message: unknown) => ({
      ...problem("validation_error", 400, "Validation failed", "The query string has invalid or missing fields."),
      errors: [{ path, message }],
    });
    const invalidCursor = problem(
      "invalid_cursor",
      400,
      "Invalid cursor",
      "The cursor is not one this API returned. Start again without a cursor.",
    );
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const id = owner.id;
    const cases: [string, unknown][] = [
      ["?limit=0", invalidQuery("limit", expect.any(String))],
      ["?limit=101", invalidQuery("limit", expect.any(String))],
      ["?limit=-1", invalidQuery("limit", expect.any(String))],
      ["?limit=2.5", invalidQuery("limit", expect.any(String))],
      ["?limit=ten", invalidQuery("limit", expect.any(String))],
      ["?limit=", invalidQuery("limit", expect.any(String))],
      ["?page=2", invalidQuery("page", "Unknown field.")],
      [`?cursor=${"A".repeat(201)}`, invalidQuery("cursor", expect.any(String))],
      ["?cursor=not-a-cursor", invalidCursor],
      ["?cursor=%00%01", invalidCursor],
      [`?cursor=${cursorOf([1, 2])}`, invalidCursor],
      [`?cursor=${cursorOf({ activatedAt: "2026-01-01T00:00:00.000000Z", id })}`, invalidCursor],
      [`?cursor=${cursorOf(["2026-01-01T00:00:00.000000Z", "not-a-uuid"])}`, invalidCursor],
      [`?cursor=${cursorOf(["2026-13-01T00:00:00.000000Z", id])}`, invalidCursor],
      [`?cursor=${cursorOf(["2026-02-30T00:00:00.000000Z", id])}`, invalidCursor],
      [`?cursor=${cursorOf(["0000-01-01T00:00:00.000000Z", id])}`, invalidCursor],
      [`?cursor=${cursorOf(["2026-01-01T00:00:00.000Z", id])}`, invalidCursor],
      [`?cursor=${cursorOf(["2026-01-01", id])}`, invalidCursor],
      [`?cursor=${cursorOf(["2026-01-01T00:00:00.000000Z", id, "extra"])}`, invalidCursor],
    ];
    for (const [query, body] of cases) {
      const answer = await api.get(`/api/v1/profile/invitees${query}`, { token: owner.token });
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toEqual(body);
    }
    const twice = await api.get("/api/v1/profile/invitees?limit=5&limit=6", { token: owner.token });
    expect(twice.body).toEqual(
      problem("validation_error", 400, "Validation failed", 'The query parameter "limit" is given more than once.'),
    );
    // A well-formed cursor far in the past or future is just a position.
    const future = await page(owner, `?cursor=${cursorOf(["9999-12-31T23:59:59.999999Z", id])}`);
    expect(future).toEqual({ total: 0, items: [], nextCursor: null });
  });

  it.skipIf(backend !== "postgres")(
    "gets a deep page of an owner with 100,000 invitees by an index scan in milliseconds (PostgreSQL)",
    async () => {
      const db = await getDb();
      const owner = await createAccount();
      const seedStarted = performance.now();
      await seedInvitees(owner, 100_000, "2026-05-01T00:00:00Z");
      await db.execute(sql`vacuum analyze users`);
      const seedMs = performance.now() - seedStarted;

      // The position of the 99,950th invitee: the next page is the last 50.
      const [deep] = await inviteePageQuery({ db, userId: owner.id, limit: 1 }).offset(99_949);
      const after = { activatedAt: deep!.position, id: deep!.id };
      const query = inviteePageQuery({ db, userId: owner.id, limit: 51, after }).toSQL();
      const client = (db as unknown as { $client: { unsafe: (text: string, params: unknown[]) => Promise<Record<string, string>[]> } }).$client;
      const planRows = await client.unsafe(`explain (analyze, buffers) ${query.sql}`, query.params);
      const plan = planRows.map((row) => row["QUERY PLAN"]).join("\n");
      const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);

      expect(plan).toMatch(/Index (Only )?Scan using users_referrer_activated_idx on users/);
      expect(plan).not.toMatch(/Sort|Seq Scan/);
      expect(executionMs).toBeLessThan(20);

      // Median of 5 requests, after one that loads the route module.
      const deepPage = `?limit=50&cursor=${encodeCursor({ at: after.activatedAt, id: after.id })}`;
      const answer = await page(owner, deepPage);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await page(owner, deepPage);
        times.push(performance.now() - started);
      }
      const requestMs = times.sort((a, b) => a - b)[2]!;
      expect(answer.total).toBe(100_000);
      expect(answer.items).toHaveLength(50);
      expect(answer.items.at(-1)!.activatedAt).toBe("2026-05-01T00:00:00.001Z");
      expect(answer.nextCursor).toBeNull();
      expect(requestMs).toBeLessThan(500);

      console.info(
        `[invitees] seeded 100,000 invitees in ${seedMs.toFixed(0)} ms; deep page (after #99,950) via the API in ${requestMs.toFixed(1)} ms (median of 5; page query + the owner's invitee_count)\n${plan}`,
      );
    },
    60_000,
  );
});
