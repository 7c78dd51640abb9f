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
