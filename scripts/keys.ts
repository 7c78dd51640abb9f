// `npm run keys -- list|rotate|prune`: the access-token signing keys.
import { runKeysCommand } from "@/lib/signing-keys/run-keys-command";
import { runDatabaseCommand } from "./run-database-command";

runDatabaseCommand(runKeysCommand);
