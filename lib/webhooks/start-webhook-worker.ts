import "server-only";
import { getDb } from "@/db";
import { env } from "@/lib/config/env";
import { WebhookWorker } from "./webhook-worker";
import { registerWebhookWorker } from "./webhook-worker-registry";

/** Starts this instance's webhook worker from the configuration; the returned function stops it. */
export function startWebhookWorker(): () => Promise<void> {
  const config = env();
  const worker = new WebhookWorker({
    getDb,
    retrySchedule: config.WEBHOOK_RETRY_SCHEDULE,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    disableAfterHours: config.WEBHOOK_DISABLE_AFTER_HOURS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  });
  registerWebhookWorker(worker);
  worker.start();
  return async () => {
    registerWebhookWorker(undefined);
    await worker.stop();
  };
}
