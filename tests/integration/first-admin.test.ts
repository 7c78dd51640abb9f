import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
// Not a React hook, whatever its name says.
import { getDb, useDatabaseForTests as switchDatabase } from "@/db";
import { appFlags, users } from "@/db/schema";
import { FIRST_ADMIN_FLAG } from "@/lib/users/find-or-create-user";
import { api } from "../helpers/api";
import { countUsers } from "../helpers/db";
import { setEnv } from "../helpers/env";
import { passCooldown, requestCode, signIn, uniquePhone } from "../helpers/flows";
import { testDatabase } from "../helpers/setup-database";
import { createTestDatabase } from "../helpers/test-database";

/** Runs `test` on a fresh database of its own, then puts this file's database back. */
async function onFreshDatabase(test: () => Promise<void>): Promise<void> {
  const fresh = await createTestDatabase();
  switchDatabase(fresh);
  try {
    await test();
  } finally {
    switchDatabase(testDatabase());
    await fresh.close();
  }
}

/** Requests codes for phones that have none yet, then verifies them all at the same moment. */
async function raceFirstSignIns(count: number) {
  expect(await countUsers()).toBe(0);
  const phones = Array.from({ length: count }, () => uniquePhone());
  const codes: string[] = [];
  for (const phone of phones) codes.push(await requestCode(phone));
  const answers = await Promise.all(phones.map((phone, index) => api.post("/api/v1/auth/verify", { phone, code: codes[index] })));
  for (const answer of answers) {
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.isNewUser).toBe(true);
  }
  expect(answers.filter((answer) => answer.body.profile.isAdmin)).toHaveLength(1);
  expect(await countUsers()).toBe(count);
  expect(await countUsers(eq(users.isAdmin, true))).toBe(1);
}

describe("the first account", () => {
  it("is the only administrator when two first sign-ins race (this file's fresh database)", async () => {
    await raceFirstSignIns(2);
  });

  // On PostgreSQL the sign-ins really run at once on separate connections; PGlite has one connection, so
  // there the first case is enough.
  it.runIf(process.env.TEST_DB === "postgres")("is the only administrator in more fresh databases, with more sign-ins racing", async () => {
    try {
      for (const count of [2, 2, 4]) {
        const fresh = await createTestDatabase();
        switchDatabase(fresh);
        try {
          await raceFirstSignIns(count);
        } finally {
          await fresh.close();
        }
      }
    } finally {
      switchDatabase(testDatabase());
    }
  });
});

describe("the first-account rule fires once per database, ever", () => {
  it("does not make the next sign-up administrator after every account is gone", async () => {
    await onFreshDatabase(async () => {
      const first = await signIn();
      expect(first.profile.isAdmin).toBe(true);
      expect(await (await getDb()).select({ name: appFlags.name }).from(appFlags)).toEqual([{ name: FIRST_ADMIN_FLAG }]);
      // However the table came to be empty (an operator's cleanup, a restore), nobody is first again.
      await (await getDb()).delete(users);
      const stranger = await signIn();
      expect(stranger.profile.isAdmin).toBe(false);
      expect(await countUsers(eq(users.isAdmin, true))).toBe(0);
    });
  });

  it("gives way to ADMIN_PHONES: exactly those phones are administrators at sign-up, the first account is not", async () => {
    const [listed, other] = ["+79990001122", "+79990001133"];
    const restore = setEnv({ ADMIN_PHONES: `8 (999) 000-11-22, ${other}` });
    try {
      await onFreshDatabase(async () => {
        const first = await signIn();
        expect(first.profile.isAdmin).toBe(false);
        expect((await signIn(listed)).profile.isAdmin).toBe(true);
        expect((await signIn(other)).profile.isAdmin).toBe(true);
        expect((await signIn()).profile.isAdmin).toBe(false);
        restore();
        // Unsetting ADMIN_PHONES later does not hand the first-account rule to the next stranger.
        expect((await signIn()).profile.isAdmin).toBe(false);
        expect(await countUsers(eq(users.isAdmin, true))).toBe(2);
      });
    } finally {
      restore();
    }
  });

  it("leaves existing accounts alone: ADMIN_PHONES applies at sign-up, the admin CLI to accounts that exist", async () => {
    await onFreshDatabase(async () => {
      await signIn();
      const existing = await signIn();
      const restore = setEnv({ ADMIN_PHONES: existing.profile.phone });
      try {
        await passCooldown(existing.profile.phone);
        expect((await signIn(existing.profile.phone)).profile.isAdmin).toBe(false);
      } finally {
        restore();
      }
    });
  });
});
