import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPglite, connectPostgres, type Database } from "@/db";
import { migrateDatabase, migrationsFolder } from "@/db/migrate";
import { appFlags, users } from "@/db/schema";
import { createScratchDatabase } from "../helpers/scratch-database";

/** drizzle/ as it was before 0002: the first two migrations and their journal. */
async function migrationsBefore0002(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
  await cp(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalFile, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag < "0002");
  await writeFile(journalFile, JSON.stringify(journal));
  return folder;
}

/** An empty database of this test's own on the backend under test. */
async function emptyDatabase(): Promise<{ db: Database; close: () => Promise<void> }> {
  if (process.env.TEST_DB !== "postgres") return connectPglite(undefined);
  const scratch = await createScratchDatabase("phone_referrals_migration");
  const connection = await connectPostgres(scratch.url, { max: 1 });
  return {
    db: connection.db,
    close: async () => {
      await connection.close();
      await scratch.drop();
    },
  };
}

let folder: string;
beforeAll(async () => {
  folder = await migrationsBefore0002();
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("migration 0002 on a database that already has accounts", () => {
  it("records the first administrator as granted and sets every account's root", async () => {
    const { db, close } = await emptyDatabase();
    try {
      await migrate(db, { migrationsFolder: folder });
      // A tree r <- x <- y, and z alone.
      const id = (n: string) => sql.raw(`md5('${n}')::uuid`);
      await db.execute(sql`
        insert into users (id, phone, invite_code, referrer_id, activated_invite_code, activated_at, is_admin) values
          (${id("r")}, '+79990000001', 'RRRRRR', null, null, null, true),
          (${id("x")}, '+79990000002', 'XXXXXX', ${id("r")}, 'RRRRRR', now(), false),
          (${id("y")}, '+79990000003', 'YYYYYY', ${id("x")}, 'XXXXXX', now(), false),
          (${id("z")}, '+79990000004', 'ZZZZZZ', null, null, null, false)`);

      await migrateDatabase(db);

      expect(await db.select({ name: appFlags.name }).from(appFlags)).toEqual([{ name: "first_admin_granted" }]);
      const rows = await db.select({ phone: users.phone, rootId: users.rootId, root: sql<string>`md5('r')::uuid` }).from(users).orderBy(users.phone);
      const root = rows[0]!.root;
      expect(rows.map((row) => [row.phone, row.rootId])).toEqual([
        ["+79990000001", null],
        ["+79990000002", root],
        ["+79990000003", root],
        ["+79990000004", null],
      ]);
      // recount_users(), which bulk loads call, sets the roots as well.
      await db.update(users).set({ rootId: null }).where(eq(users.phone, "+79990000003"));
      await db.execute(sql`select recount_users()`);
      const [y] = await db.select({ rootId: users.rootId }).from(users).where(eq(users.phone, "+79990000003"));
      expect(y?.rootId).toBe(root);
    } finally {
      await close();
    }
  });

  it("leaves the rule to fire on a database without accounts", async () => {
    const { db, close } = await emptyDatabase();
    try {
      await migrate(db, { migrationsFolder: folder });
      await migrateDatabase(db);
      expect(await db.select().from(appFlags)).toEqual([]);
    } finally {
      await close();
    }
  });
});
