// Playwright's webServer: creates this run's database, then runs the production build on it.
import { spawn } from "node:child_process";
import { createDatabase } from "../../tests/helpers/scratch-database";
import { e2eDatabase } from "./e2e-database";

async function main(): Promise<void> {
  const database = e2eDatabase();
  await createDatabase(database.adminUrl, database.name);

  const server = spawn("node_modules/.bin/next", ["start", "-p", process.env.PORT ?? "3200"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
