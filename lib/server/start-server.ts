import cluster from "node:cluster";
import { closeDb, getDb } from "@/db";
import { env, EnvError } from "@/lib/config/env";
import { installApiGuardHook } from "@/lib/http/api-guard-hook";
import { installCorsHook } from "@/lib/http/cors";
import { installPeerAddressHook } from "@/lib/http/peer-address-hook";
import { logger } from "@/lib/log/logger";
import { pruneExpiredRows } from "@/lib/maintenance/prune-expired-rows";
import { signingKeySet } from "@/lib/signing-keys/signing-keys";
import { installGracefulShutdown } from "./graceful-shutdown";

const PRUNE_EVERY_MS = 15 * 60 * 1000;

/**
 * Start-up: refuse to run with an invalid configuration (naming the problem), let route handlers see the
 * client's socket address, shut down gracefully on SIGTERM, and apply migrations now rather than on the first
 * request. A database that is down is not fatal: requests answer 503 and the next one tries again.
 */
export async function startServer(): Promise<void> {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[phone-referrals] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  installPeerAddressHook();
  // Before the API guard: its 404 and 405 answers carry the CORS headers too.
  installCorsHook();
  installApiGuardHook();
  const config = env();
  installGracefulShutdown({ timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS, close: closeDb });
  logger().info({ database: config.DATABASE_URL ? "postgresql" : `pglite:${config.PGLITE_DIR}`, sms: config.SMS_PROVIDER }, "starting");
  try {
    // The first start creates the first signing key here, outside any request's transaction.
    await signingKeySet({ db: await getDb() });
    logger().info("database ready, migrations applied, signing keys read");
    // The launcher starts the other workers once the first has migrated the database (lib/server/cluster.mjs).
    if (cluster.worker) process.send?.({ phoneReferrals: "database-ready" });
  } catch (error) {
    logger().error({ err: error }, "database not ready at start-up; requests will retry");
  }
  setInterval(() => {
    getDb()
      .then((db) => pruneExpiredRows({ db }))
      .catch((error: unknown) => logger().warn({ err: error }, "pruning expired rows failed; will try again"));
  }, PRUNE_EVERY_MS).unref();
}
