import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookReceiver } from "../helpers/webhook-receiver";
import { AppServer, signIn } from "./support/app-server";
import { Cluster } from "./support/cluster";

let cluster: Cluster;
let a: AppServer;
let b: AppServer;
let admin: string;
const receiverPort = Number(process.env.FAULTS_WEBHOOK_RECEIVER_PORT ?? 3824);

// Fast retries, so that a test waits seconds, not minutes; http to 127.0.0.1 allowed for the local receiver.
const env = { WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true", WEBHOOK_RETRY_SCHEDULE: "1,1,1,1,1,2,2,2,2,2,3,3,3,3,3,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5" };

beforeAll(async () => {
  cluster = new Cluster(Number(process.env.FAULTS_PG_PORT_WEBHOOKS ?? 5521));
  cluster.start();
  a = new AppServer(Number(process.env.FAULTS_APP_PORT_WEBHOOKS_A ?? 3821), cluster.url, { env });
  b = new AppServer(Number(process.env.FAULTS_APP_PORT_WEBHOOKS_B ?? 3822), cluster.url, { env });
  await a.start();
  admin = (await signIn(a, a)).accessToken;
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  cluster?.destroy();
});

/** A new endpoint for user.created at the receiver's `path`; earlier endpoints are deleted so they stay quiet. */
async function endpointAt(path: string): Promise<{ id: string; secret: string }> {
  const listed = await a.request("GET", "/api/v1/admin/webhooks", { token: admin });
  for (const item of listed.body.items as { id: string }[]) await a.request("DELETE", `/api/v1/admin/webhooks/${item.id}`, { token: admin });
  const created = await a.request("POST", "/api/v1/admin/webhooks", {
    token: admin,
    json: { url: `http://127.0.0.1:${receiverPort}${path}`, events: ["user.created"] },
  });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

describe("webhooks from a running server", () => {
  it("a receiver that fails twice then succeeds gets the event three times, same webhook-id, each signature valid", async () => {
    const receiver = await new WebhookReceiver(receiverPort).start();
    try {
      const endpoint = await endpointAt("/fails-twice");
      receiver.answer = (n) => (n <= 2 ? { status: 503, body: "not yet" } : { status: 204 });
      const user = await signIn(a, a);
      const requests = await receiver.waitFor(3, 20_000);
      expect(new Set(requests.map((request) => request.headers["webhook-id"])).size).toBe(1);
      const webhook = new Webhook(endpoint.secret);
      for (const request of requests) {
        expect(webhook.verify(request.body, request.headers as Record<string, string>)).toMatchObject({
          type: "user.created",
          data: { user: { phone: user.phone } },
        });
      }
      // The retries followed the schedule: a second or more apart.
      expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(900);
      const deliveries = await a.request("GET", `/api/v1/admin/webhooks/${endpoint.id}/deliveries`, { token: admin });
      expect(deliveries.body.items).toMatchObject([{ status: "succeeded", attempts: 3, lastStatusCode: 204 }]);
    } finally {
      await receiver.stop();
    }
  });

  it("an event whose receiver is down while the app restarts arrives once both are back", async () => {
    await endpointAt("/restart");
    const user = await signIn(a, a);
    // The receiver is down: attempts fail with a refused connection.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await a.stop();
    await a.start();
    const receiver = await new WebhookReceiver(receiverPort).start();
    try {
      // An attempt cut off by the stop keeps its lease (WEBHOOK_TIMEOUT_MS + 30 s) before it is made again.
      const [request] = await receiver.waitFor(1, 60_000);
      expect(JSON.parse(request!.body)).toMatchObject({ type: "user.created", data: { user: { phone: user.phone } } });
    } finally {
      await receiver.stop();
    }
  });

  it("two instances on one database deliver 50 events: every webhook-id arrives exactly once", async () => {
    await b.start();
    const endpoint = await endpointAt("/fifty");
    const receiver = await new WebhookReceiver(receiverPort).start();
    try {
      const servers = [a, b];
      await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(servers[i % 2]!, servers[(i + 1) % 2]!)));
      await receiver.waitFor(50, 30_000);
      // Time for any second sending of an attempt to show up.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const ids = receiver.received.map((request) => request.headers["webhook-id"]);
      expect(ids).toHaveLength(50);
      expect(new Set(ids).size).toBe(50);
      const sql = postgres(cluster.url, { max: 1, onnotice: () => undefined });
      try {
        const rows = await sql`select status, attempts, count(*)::int as n from webhook_deliveries where endpoint_id = ${endpoint.id} group by 1, 2`;
        expect(rows).toEqual([{ status: "succeeded", attempts: 1, n: 50 }]);
      } finally {
        await sql.end();
      }
    } finally {
      await receiver.stop();
    }
  });
});
