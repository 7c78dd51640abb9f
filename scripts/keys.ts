// `npm run keys -- list|rotate|prune`: the access-token signing keys. Connects like the app (DATABASE_URL, or the
// embedded database in PGLITE_DIR: stop the app first, PGlite is one process's at a time) and applies pending
// migrations first.
import { closeDb, getDb } from "@/db";
import { runKeysCommand } from "@/lib/signing-keys/run-keys-command";

async function main(): Promise<number> {
  try {
    const { exitCode, output } = await runKeysCommand({ args: process.argv.slice(2), connect: getDb });
    (exitCode === 0 ? console.log : console.error)(output);
    return exitCode;
  } finally {
    await closeDb();
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
