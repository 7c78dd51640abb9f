import "server-only";
import type { Database } from "@/db";
import { logger } from "@/lib/log/logger";
import { claimDueDeliveries, type ClaimedDelivery } from "./claim-deliveries";
import { recordAttempt } from "./record-attempt";
import { sendWebhook } from "./send-webhook";
import { webhookHeaders } from "./webhook-signature";

export interface WebhookWorkerOptions {
  getDb: () => Promise<Database>;
  retrySchedule: readonly number[];
  timeoutMs: number;
  disableAfterHours: number;
  allowPrivate: boolean;
  /** How often to look for due deliveries when nothing woke the worker. */
  pollMs?: number;
  /** Attempts in flight in this process. */
  maxInFlight?: number;
  /** Attempts in flight per endpoint, over every instance. */
  perEndpoint?: number;
}

/** Time for recording the result after the attempt's own time limit. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Delivers webhooks from inside an app instance: every instance runs one, and they share the work through the
 * database (claimDueDeliveries). Polls every `pollMs`, and at once when this instance wrote an event or an
 * attempt finished. `stop()` claims nothing more and waits for the attempts in flight.
 */
export class WebhookWorker {
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private again = false;
  private readonly pollMs: number;
  private readonly maxInFlight: number;
  private readonly perEndpoint: number;

  constructor(private readonly options: WebhookWorkerOptions) {
    this.pollMs = options.pollMs ?? 1000;
    this.maxInFlight = options.maxInFlight ?? 32;
    this.perEndpoint = options.perEndpoint ?? 4;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Look for due deliveries now (soon, if a look is under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** One look: claims what is due and free slots allow and starts those attempts. Returns their number. */
  async runOnce(): Promise<number> {
    const free = this.maxInFlight - this.inFlight.size;
    if (free <= 0) return 0;
    const db = await this.options.getDb();
    const claimed = await claimDueDeliveries({ db, limit: free, perEndpoint: this.perEndpoint, leaseMs: this.options.timeoutMs + LEASE_MARGIN_MS });
    for (const delivery of claimed) {
      const attempt = this.attempt(db, delivery).finally(() => {
        this.inFlight.delete(attempt);
        this.wake();
      });
      this.inFlight.add(attempt);
    }
    return claimed.length;
  }

  /** Waits until every attempt started so far has been recorded (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async tick(): Promise<void> {
    this.running = true;
    let delay = this.pollMs;
    try {
      do {
        this.again = false;
        const free = this.maxInFlight - this.inFlight.size;
        const claimed = await this.runOnce();
        // A full batch: there may be more due right away.
        if (claimed > 0 && claimed === free) this.again = true;
      } while (this.again && !this.stopped);
    } catch (error) {
      logger().warn({ err: error }, "webhook worker could not claim deliveries; will try again");
      delay = Math.max(delay, 2000);
    } finally {
      this.running = false;
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), delay);
      this.timer.unref();
    }
  }

  private async attempt(db: Database, delivery: ClaimedDelivery): Promise<void> {
    const { retrySchedule, timeoutMs, disableAfterHours, allowPrivate } = this.options;
    const headers = webhookHeaders({ secret: delivery.secret, id: delivery.eventId, timestamp: new Date(), body: delivery.payload });
    const result = await sendWebhook({ url: delivery.url, headers, body: delivery.payload, timeoutMs, allowPrivate });
    try {
      await recordAttempt({ db, delivery, result, retrySchedule, disableAfterHours });
    } catch (error) {
      // The lease runs out and the attempt is made again, with the same webhook-id.
      logger().warn({ err: error, deliveryId: delivery.id }, "could not record a webhook attempt");
    }
  }
}
