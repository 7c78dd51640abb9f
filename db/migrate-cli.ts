// `npm run db:migrate`: applies drizzle/ to DATABASE_URL (or the embedded database) and exits.
import { closeDb, getDb } from "./index";

async function main(): Promise<void> {
  await getDb();
  await closeDb();
  console.log("Migrations applied.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
