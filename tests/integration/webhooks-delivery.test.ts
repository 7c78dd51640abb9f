import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { pruneExpiredRows } from "@/lib/maintenance/prune-expired-rows";
import { claimDueDeliveries } from "@/lib/webhooks/claim-deliveries";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import { recordAttempt } from "@/lib/webhooks/record-attempt";
import { startWebhookWorker } from "@/lib/webhooks/start-webhook-worker";
import { generateWebhookSecret } from "@/lib/webhooks/webhook-signature";
import { WebhookWorker, type WebhookWorkerOptions } from "@/lib/webhooks/webhook-worker";
import { setEnv } from "../helpers/env";
import { WebhookReceiver } from "../helpers/webhook-receiver";

let receiver: WebhookReceiver;

beforeEach(async () => {
  const db = await getDb();
  await db.delete(webhookEndpoints).where(sql`true`);
  await db.delete(webhookEvents).where(sql`true`);
  receiver = await new WebhookReceiver().start();
});

afterEach(async () => {
  await receiver.stop();
});

function worker(options: Partial<WebhookWorkerOptions> = {}) {
  return new WebhookWorker({ getDb, retrySchedule: [5, 30], timeoutMs: 2000, disableAfterHours: 72, allowPrivate: true, ...options });
}

async function addEndpoint(url = receiver.url, events = ["user.deleted"]) {
  const db = await getDb();
  const [endpoint] = await db.insert(webhookEndpoints).values({ url, events, secret: generateWebhookSecret() }).returning();
  return endpoint!;
}

async function addEvents(count = 1) {
  const db = await getDb();
  for (let i = 0; i < count; i++) {
    await db.transaction((tx) => enqueueWebhookEvent({ tx, type: "user.deleted", data: { user: { id: `user-${i}` } } }));
  }
}

async function deliveries() {
  const db = await getDb();
  return db.select().from(webhookDeliveries).orderBy(webhookDeliveries.seq);
}

/** One worker pass, waiting for its attempts to be recorded. */
async function pass(run: WebhookWorker): Promise<number> {
  const claimed = await run.runOnce();
  await run.settle();
  return claimed;
}

async function makeDue() {
  const db = await getDb();
  await db.update(webhookDeliveries).set({ nextAttemptAt: sql`now()` }).where(eq(webhookDeliveries.status, "pending"));
}

describe("delivery", () => {
  it("POSTs the event signed as Standard Webhooks: the standardwebhooks package verifies it unchanged", async () => {
    const endpoint = await addEndpoint();
    receiver.answer = () => ({ status: 200, body: "thanks" });
    await addEvents();
    expect(await pass(worker())).toBe(1);

    const [request] = await receiver.waitFor(1);
    const db = await getDb();
    const [event] = await db.select().from(webhookEvents);
    expect(request!.headers["webhook-id"]).toBe(event!.id);
    expect(request!.headers["content-type"]).toBe("application/json");
    const verified = new Webhook(endpoint.secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(verified).toEqual({ type: "user.deleted", timestamp: expect.any(String), data: { user: { id: "user-0" } } });
    // A wrong secret does not verify.
    expect(() => new Webhook(generateWebhookSecret()).verify(request!.body, request!.headers as Record<string, string>)).toThrow();

    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200, lastError: null, lastResponse: "thanks", leaseExpiresAt: null });
    // Nothing more to do.
    expect(await pass(worker())).toBe(0);
  });

  it("retries on WEBHOOK_RETRY_SCHEDULE with the same webhook-id, then succeeds and clears the failure record", async () => {
    const endpoint = await addEndpoint();
    receiver.answer = (n) => (n <= 2 ? { status: 500, body: "down" } : { status: 204 });
    await addEvents();
    const run = worker({ retrySchedule: [5, 30] });
    const db = await getDb();

    await pass(run);
    let [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500", lastResponse: "down" });
    const wait1 = delivery!.nextAttemptAt.getTime() - delivery!.lastAttemptAt!.getTime();
    expect(wait1).toBeGreaterThanOrEqual(4_900);
    expect(wait1).toBeLessThan(7_000);
    const [failing] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(failing!.failingSince).toBeInstanceOf(Date);
    // Not due yet: nothing is claimed.
    expect(await pass(run)).toBe(0);

    await makeDue();
    await pass(run);
    [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: "pending", attempts: 2 });
    const wait2 = delivery!.nextAttemptAt.getTime() - delivery!.lastAttemptAt!.getTime();
    expect(wait2).toBeGreaterThanOrEqual(29_900);
    expect(wait2).toBeLessThan(32_000);

    await makeDue();
    await pass(run);
    [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 3, lastStatusCode: 204, lastError: null });
    const ids = receiver.received.map((request) => request.headers["webhook-id"]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    const [healthy] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(healthy!.failingSince).toBeNull();
  });

  it("fails the delivery when the schedule is used up", async () => {
    await addEndpoint();
    receiver.answer = () => ({ status: 503 });
    await addEvents();
    const run = worker({ retrySchedule: [1] });
    await pass(run);
    await makeDue();
    await pass(run);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: "failed", attempts: 2, lastStatusCode: 503 });
    await makeDue();
    expect(await pass(run)).toBe(0);
  });

  it("checks the target again at every attempt: an http URL or a name resolving inward is refused unless private networks are allowed", async () => {
    const plain = await addEndpoint();
    const inward = await addEndpoint(`https://localhost:${new URL(receiver.url).port}/hooks`);
    await addEvents();
    await pass(worker({ allowPrivate: false }));
    const rows = await deliveries();
    const of = (id: string) => rows.find((row) => row.endpointId === id)!;
    expect(of(plain.id).lastError).toBe("Not sent: Only https URLs are allowed.");
    expect(of(inward.id).lastError).toMatch(/^Not sent: localhost resolves to (127\.0\.0\.1|::1), a private, loopback or reserved address\.$/);
    for (const row of rows) expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(receiver.received).toHaveLength(0);

    // Allowed, the same delivery goes out at its next attempt.
    await getDb().then((db) => db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, inward.id)));
    await makeDue();
    await pass(worker({ allowPrivate: true }));
    expect(receiver.received).toHaveLength(1);
  });

  it("gives up on an answer slower than the timeout, does not follow redirects, reports connection errors", async () => {
    await addEndpoint();
    receiver.answer = () => "hang";
    await addEvents();
    const started = Date.now();
    await pass(worker({ timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await deliveries())[0]).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null, lastError: "No answer within 300 ms." });

    const db = await getDb();
    await db.delete(webhookEndpoints).where(sql`true`);
    await addEndpoint();
    receiver.answer = () => ({ status: 302, headers: { location: "http://127.0.0.1:9/elsewhere" } });
    await addEvents();
    const before = receiver.received.length;
    await pass(worker());
    expect(receiver.received.length - before).toBe(1);
    expect((await deliveries())[0]).toMatchObject({ status: "pending", lastStatusCode: 302, lastError: "HTTP 302 (redirects are not followed)" });

    await db.delete(webhookEndpoints).where(sql`true`);
    await addEndpoint("http://127.0.0.1:9/hooks");
    await addEvents();
    await pass(worker());
    expect((await deliveries())[0]).toMatchObject({ status: "pending", lastStatusCode: null, lastError: expect.stringMatching(/ECONNREFUSED/) });
  });

  it("disables an endpoint that has been failing for WEBHOOK_DISABLE_AFTER_HOURS, and sends it nothing more", async () => {
    const endpoint = await addEndpoint();
    receiver.answer = () => ({ status: 500 });
    await addEvents(2);
    const db = await getDb();
    await db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '71 hours'` }).where(eq(webhookEndpoints.id, endpoint.id));
    const run = worker({ disableAfterHours: 72, retrySchedule: [1, 1, 1] });
    await pass(run);
    let [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ enabled: true, disabledReason: null });

    await db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '73 hours'` }).where(eq(webhookEndpoints.id, endpoint.id));
    await makeDue();
    await pass(run);
    [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.enabled).toBe(false);
    expect(row!.disabledReason).toMatch(/^Disabled automatically: every attempt failed for 72 hours \(since \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);

    const sent = receiver.received.length;
    await makeDue();
    expect(await pass(run)).toBe(0);
    await addEvents();
    expect(await pass(run)).toBe(0);
    expect(receiver.received.length).toBe(sent);
    // Its deliveries are still pending, for when it is enabled again.
    expect((await deliveries()).map((delivery) => delivery.status)).toEqual(["pending", "pending"]);
  });
});

describe("the instance's worker", () => {
  it("starts from the configuration, is woken by a write of this instance, and stops", async () => {
    const restore = setEnv({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true", WEBHOOK_TIMEOUT_MS: "2000" });
    const stop = startWebhookWorker();
    try {
      await addEndpoint();
      const written = Date.now();
      await addEvents();
      await receiver.waitFor(1, 5_000);
      // Woken after the write, well before its one-second poll would have found the event.
      expect(receiver.received[0]!.at - written).toBeLessThan(900);
    } finally {
      await stop();
      restore();
    }
    await addEvents();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
  });
});

describe("claiming", () => {
  it("two workers claiming at the same time never take the same attempt", async () => {
    await addEndpoint(receiver.url);
    await addEndpoint(receiver.url);
    await addEvents(30);
    const db = await getDb();
    const claim = () => claimDueDeliveries({ db, limit: 7, perEndpoint: 100, leaseMs: 60_000 });
    const taken: string[] = [];
    for (let round = 0; round < 6; round++) {
      const [a, b] = await Promise.all([claim(), claim()]);
      taken.push(...a.map((row) => row.id), ...b.map((row) => row.id));
    }
    expect(taken).toHaveLength(60);
    expect(new Set(taken).size).toBe(60);
    expect(await claim()).toEqual([]);
  });

  it("two workers deliver 40 events to an always-2xx receiver: every webhook-id arrives exactly once", async () => {
    await addEndpoint();
    await addEvents(40);
    const a = worker({ perEndpoint: 4, maxInFlight: 8 });
    const b = worker({ perEndpoint: 4, maxInFlight: 8 });
    a.start();
    b.start();
    await receiver.waitFor(40, 20_000);
    await Promise.all([a.stop(), b.stop()]);
    const ids = receiver.received.map((request) => request.headers["webhook-id"]);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect((await deliveries()).every((delivery) => delivery.status === "succeeded" && delivery.attempts === 1)).toBe(true);
  });

  it("limits the attempts in flight per endpoint", async () => {
    const endpoint = await addEndpoint();
    await addEvents(10);
    const db = await getDb();
    const claim = () => claimDueDeliveries({ db, limit: 10, perEndpoint: 3, leaseMs: 60_000 });
    const first = await claim();
    expect(first).toHaveLength(3);
    expect(await claim()).toHaveLength(0);
    await recordAttempt({ db, delivery: first[0]!, result: { ok: true, statusCode: 200, error: null, response: null }, retrySchedule: [1], disableAfterHours: 72 });
    expect((await claim()).map((row) => row.endpointId)).toEqual([endpoint.id]);
  });

  it("a lapsed lease is claimed again as the next attempt; the late result of the old one is ignored", async () => {
    await addEndpoint();
    await addEvents();
    const db = await getDb();
    const [first] = await claimDueDeliveries({ db, limit: 10, perEndpoint: 10, leaseMs: 60_000 });
    expect(first).toMatchObject({ attempt: 1 });
    expect(await claimDueDeliveries({ db, limit: 10, perEndpoint: 10, leaseMs: 60_000 })).toEqual([]);
    await db.update(webhookDeliveries).set({ leaseExpiresAt: sql`now() - interval '1 second'` });
    const [second] = await claimDueDeliveries({ db, limit: 10, perEndpoint: 10, leaseMs: 60_000 });
    expect(second).toMatchObject({ id: first!.id, attempt: 2, eventId: first!.eventId });
    await recordAttempt({ db, delivery: first!, result: { ok: false, statusCode: 500, error: "HTTP 500", response: null }, retrySchedule: [1], disableAfterHours: 72 });
    expect((await deliveries())[0]).toMatchObject({ status: "pending", attempts: 2, lastError: null });
    await recordAttempt({ db, delivery: second!, result: { ok: true, statusCode: 200, error: null, response: "ok" }, retrySchedule: [1], disableAfterHours: 72 });
    expect((await deliveries())[0]).toMatchObject({ status: "succeeded", attempts: 2, lastResponse: "ok" });
  });
});

describe("retention", () => {
  it("prunes finished deliveries older than WEBHOOK_RETENTION_DAYS and their events; pending ones stay", async () => {
    await addEndpoint();
    await addEvents(3);
    const db = await getDb();
    const rows = await deliveries();
    await db.update(webhookDeliveries).set({ status: "succeeded", updatedAt: sql`now() - interval '31 days'` }).where(eq(webhookDeliveries.id, rows[0]!.id));
    await db.update(webhookDeliveries).set({ status: "failed", updatedAt: sql`now() - interval '29 days'` }).where(eq(webhookDeliveries.id, rows[1]!.id));
    await db.update(webhookDeliveries).set({ updatedAt: sql`now() - interval '40 days'` }).where(eq(webhookDeliveries.id, rows[2]!.id));
    await db.update(webhookEvents).set({ createdAt: sql`now() - interval '40 days'` });
    await pruneExpiredRows({ db, webhookRetentionDays: 30 });
    expect((await deliveries()).map((row) => row.id)).toEqual([rows[1]!.id, rows[2]!.id]);
    expect((await db.select().from(webhookEvents)).map((event) => event.id).sort()).toEqual([rows[1]!.eventId, rows[2]!.eventId].sort());
  });
});
