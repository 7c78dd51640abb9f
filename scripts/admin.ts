// `npm run admin -- grant|revoke <phone> [--force]`: grants or revokes an account's administrator right from a shell.
import { runAdminCommand } from "@/lib/admin/run-admin-command";
import { runDatabaseCommand } from "./run-database-command";

runDatabaseCommand(runAdminCommand);
