/** What enqueueing needs of the worker: a nudge. Kept apart so the domain does not import the worker. */
interface Wakeable {
  wake(): void;
}

const holder = globalThis as { __phoneReferralsWebhookWorker?: Wakeable };
/** Long enough for the enqueueing transaction to commit in the usual case; the poll catches the rest. */
const WAKE_DELAY_MS = 20;

export function registerWebhookWorker(worker: Wakeable | undefined): void {
  holder.__phoneReferralsWebhookWorker = worker;
}

export function wakeWebhookWorker(): void {
  const worker = holder.__phoneReferralsWebhookWorker;
  if (worker) setTimeout(() => worker.wake(), WAKE_DELAY_MS).unref();
}
