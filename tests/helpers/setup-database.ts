import { afterAll, beforeAll } from "vitest";
import { closeDb, useDatabaseForTests } from "@/db";
import { createTestDatabase, type TestDatabase } from "./test-database";

let database: TestDatabase | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabaseForTests(database);
});

afterAll(async () => {
  await closeDb();
});

/** This test file's database, for tests that swap in another one for a while and then put it back. */
export function testDatabase(): TestDatabase {
  if (!database) throw new Error("The test database is not ready yet");
  return database;
}
