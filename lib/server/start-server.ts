import cluster from "node:cluster";
import { closeDb, type Database, getDb } from "@/db";
import { env, EnvError } from "@/lib/config/env";
import { installApiGuardHook } from "@/lib/http/api-guard-hook";
import { installCorsHook } from "@/lib/http/cors";
import { installPeerAddressHook } from "@/lib/http/peer-address-hook";
import { logger } from "@/lib/log/logger";
import { pruneExpiredRows } from "@/lib/maintenance/prune-expired-rows";
import { startWebhookWorker } from "@/lib/webhooks/start-webhook-worker";
import { KEY_CACHE_SECONDS, refreshSigningKeys, signingKeySet } from "@/lib/signing-keys/signing-keys";
import { installGracefulShutdown } from "./graceful-shutdown";

const PRUNE_EVERY_MS = 15 * 60 * 1000;

/**
 * Start-up: refuse to run with an invalid configuration (naming the problem), let route handlers see the
 * client's socket address, shut down gracefully on SIGTERM, and apply migrations now rather than on the first
 * request. A database that is down is not fatal: requests answer 503 and the next one tries again. Every
 * instance (every worker process) also runs a webhook worker (lib/webhooks/webhook-worker.ts).
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
  const stopWebhookWorker = startWebhookWorker();
  // The worker's attempts in flight end (within WEBHOOK_TIMEOUT_MS) before the pool closes; one cut off by the
  // shutdown timeout keeps its lease and is made again by another instance or after the restart.
  const close = async () => {
    await stopWebhookWorker();
    await closeDb();
  };
  installGracefulShutdown({ timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS, close });
  logger().info({ database: config.DATABASE_URL ? "postgresql" : `pglite:${config.PGLITE_DIR}`, sms: config.SMS_PROVIDER }, "starting");
  const databaseReady = getDb()
    .then(async (db) => {
      // The first start creates the first signing key here, outside any request's transaction.
      await signingKeySet({ db });
      logger().info("database ready, migrations applied, signing keys read");
      // The launcher starts the other workers once the first has migrated the database (lib/server/cluster.mjs).
      if (cluster.worker) process.send?.({ phoneReferrals: "database-ready" });
    })
    .catch((error: unknown) => logger().error({ err: error }, "database not ready at start-up; requests will retry"));
  // `next dev` waits for this function before it compiles the first page: there the embedded database starts
  // while that page compiles (its first query waits for the same getDb()). A production server is ready to
  // answer before it listens, so it waits.
  if (config.NODE_ENV !== "development") await databaseReady;
  // Signing happens inside transactions, which never read keys through the pool: this keeps them fresh, so that
  // every instance signs with a rotated key within KEY_CACHE_SECONDS (lib/signing-keys/signing-keys.ts).
  everyWithDatabase((KEY_CACHE_SECONDS * 1000) / 2, "reading the signing keys failed", (db) => refreshSigningKeys({ db }));
  everyWithDatabase(PRUNE_EVERY_MS, "pruning expired rows failed", (db) => pruneExpiredRows({ db }));
}

/** Runs `task` every `ms` in the background; a failure is logged and the next round tries again. */
function everyWithDatabase(ms: number, failure: string, task: (db: Database) => Promise<unknown>): void {
  setInterval(() => {
    getDb()
      .then(task)
      .catch((error: unknown) => logger().warn({ err: error }, `${failure}; will try again`));
  }, ms).unref();
}
