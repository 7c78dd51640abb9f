import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
// Not a React hook, whatever its name says.
import { useDatabaseForTests as switchDatabase } from "@/db";
import { users } from "@/db/schema";
import { api } from "../helpers/api";
import { countUsers } from "../helpers/db";
import { requestCode, uniquePhone } from "../helpers/flows";
import { testDatabase } from "../helpers/setup-database";
import { createTestDatabase } from "../helpers/test-database";

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
