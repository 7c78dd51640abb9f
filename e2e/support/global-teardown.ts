import postgres from "postgres";
import { e2eDatabase } from "./e2e-database";

/** Drops this run's database; FORCE closes the connections the server may still hold. */
export default async function globalTeardown(): Promise<void> {
  const database = e2eDatabase();
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
