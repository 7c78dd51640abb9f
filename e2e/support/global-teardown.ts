import { dropDatabase } from "../../tests/helpers/scratch-database";
import { e2eDatabase } from "./e2e-database";

/** Drops this run's database; FORCE closes the connections the server may still hold. */
export default async function globalTeardown(): Promise<void> {
  const database = e2eDatabase();
  await dropDatabase(database.adminUrl, database.name);
}
