// Webhook delivery: events per second one instance's worker delivers, and the delay from the change (the
// event's timestamp, taken in its transaction) to its arrival at a receiver on this machine, p50/p99.
//   npx tsx --conditions=react-server bench/webhooks.ts
// On a scratch database on PostgreSQL (BENCH_DATABASE_URL or the local server), dropped at the end. Scenarios:
// 1. a backlog of BACKLOG events delivered at once (throughput);
// 2. STEADY events written one by one at RATE per second by this instance (the worker is woken at once);
// 3. the same, with the worker learning of them only by polling (events written by another instance).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { connectPostgres } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { webhookEndpoints, webhookEvents } from "@/db/schema";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import { generateWebhookSecret } from "@/lib/webhooks/webhook-signature";
import { WebhookWorker } from "@/lib/webhooks/webhook-worker";
import { registerWebhookWorker } from "@/lib/webhooks/webhook-worker-registry";

const BACKLOG = Number(process.env.BACKLOG ?? 3000);
const STEADY = Number(process.env.STEADY ?? 500);
const RATE = Number(process.env.RATE ?? 50);
/** Attempts in flight per endpoint (the app's bound is 4). */
const PER_ENDPOINT = Number(process.env.PER_ENDPOINT ?? 4);
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main() {
  const name = `pr_bench_webhooks_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connectPostgres(url.toString());
  const { db } = connection;
  let receiver: Server | undefined;
  try {
    await migrateDatabase(db);
    const delays: number[] = [];
    let received = 0;
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received += 1;
        delays.push(Date.now() - Date.parse((JSON.parse(body) as { timestamp: string }).timestamp));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    await db.insert(webhookEndpoints).values({ url: `http://127.0.0.1:${port}/hooks`, events: ["user.created"], secret: generateWebhookSecret() });

    const worker = () =>
      new WebhookWorker({ getDb: () => Promise.resolve(db), retrySchedule: [5], timeoutMs: 10_000, disableAfterHours: 72, allowPrivate: true, perEndpoint: PER_ENDPOINT });
    const enqueue = (i: number) =>
      db.transaction((tx) => enqueueWebhookEvent({ tx, type: "user.created", data: { user: { id: String(i), phone: "+79990000000" } } }));
    const waitFor = async (count: number) => {
      while (received < count) await new Promise((resolve) => setTimeout(resolve, 5));
    };

    // 1. Backlog.
    for (let i = 0; i < BACKLOG; i += 100) {
      await db.transaction(async (tx) => {
        for (let j = i; j < Math.min(BACKLOG, i + 100); j++) await enqueueWebhookEvent({ tx, type: "user.created", data: { user: { id: String(j) } } });
      });
    }
    const backlogWorker = worker();
    const started = performance.now();
    backlogWorker.start();
    await waitFor(BACKLOG);
    const seconds = (performance.now() - started) / 1000;
    await backlogWorker.stop();
    console.log(`backlog (${PER_ENDPOINT} in flight per endpoint): ${BACKLOG} events delivered in ${seconds.toFixed(2)} s = ${Math.round(BACKLOG / seconds)} events/s`);

    // 2 and 3. Steady load, woken or polling.
    for (const woken of [true, false]) {
      await db.delete(webhookEvents).where(sql`true`);
      received = 0;
      delays.length = 0;
      const steadyWorker = worker();
      registerWebhookWorker(woken ? steadyWorker : undefined);
      steadyWorker.start();
      const begin = performance.now();
      for (let i = 0; i < STEADY; i++) {
        const due = begin + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await enqueue(i);
      }
      await waitFor(STEADY);
      await steadyWorker.stop();
      registerWebhookWorker(undefined);
      const sorted = [...delays].sort((a, b) => a - b);
      console.log(
        `steady ${RATE}/s, ${woken ? "written by this instance (worker woken)" : "written by another instance (poll every 1 s)"}: ` +
          `${STEADY} events, change -> delivery p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted.at(-1)} ms`,
      );
    }
  } finally {
    receiver?.close();
    await connection.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
