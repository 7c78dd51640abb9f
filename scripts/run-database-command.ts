// The shell commands that change the database (`npm run admin`, `npm run keys`) connect like the app
// (DATABASE_URL, or the embedded database in PGLITE_DIR: stop the app first, PGlite is one process's at a time),
// apply pending migrations first, print the command's output and exit with its code.
import { closeDb, type Database, getDb } from "@/db";

type DatabaseCommand = (input: { args: string[]; connect: () => Promise<Database> }) => Promise<{ exitCode: number; output: string }>;

export function runDatabaseCommand(command: DatabaseCommand): void {
  const run = async (): Promise<number> => {
    try {
      const { exitCode, output } = await command({ args: process.argv.slice(2), connect: getDb });
      (exitCode === 0 ? console.log : console.error)(output);
      return exitCode;
    } finally {
      await closeDb();
    }
  };
  run().then(
    (exitCode) => process.exit(exitCode),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
