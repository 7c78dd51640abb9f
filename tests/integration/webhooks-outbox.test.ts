import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import type { AuthTokens } from "@/lib/auth/schemas";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import { api } from "../helpers/api";
import { setEnv } from "../helpers/env";
import { latestCode, passCooldown, signIn, uniquePhone } from "../helpers/flows";

let admin: AuthTokens;
let endpointId: string;
let restoreEnv: () => void;

beforeAll(async () => {
  restoreEnv = setEnv({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
  admin = await signIn();
  const created = await api.post(
    "/api/v1/admin/webhooks",
    { url: "http://127.0.0.1:9/hooks", events: ["user.created", "invite.activated", "user.phone_changed", "user.blocked", "user.unblocked", "user.deleted"] },
    { token: admin.accessToken },
  );
  expect(created.status, created.text).toBe(201);
  endpointId = created.body.id;
});

afterAll(() => restoreEnv());

beforeEach(async () => {
  const db = await getDb();
  await db.delete(webhookEvents).where(sql`true`);
});

/** Every event in the outbox, oldest first, with its parsed body and whether it has a delivery for our endpoint. */
async function outbox() {
  const db = await getDb();
  const events = await db.select().from(webhookEvents).orderBy(asc(webhookEvents.createdAt));
  const deliveries = await db.select().from(webhookDeliveries);
  return events.map((event) => ({
    type: event.type,
    body: JSON.parse(event.payload) as { type: string; timestamp: string; data: any },
    deliveries: deliveries.filter((delivery) => delivery.eventId === event.id).map((delivery) => delivery.endpointId),
  }));
}

describe("the transactional outbox", () => {
  it("a sign-up writes user.created with the account, phone in E.164 and ids as strings, delivery pending for the endpoint", async () => {
    const user = await signIn();
    const [event, ...rest] = await outbox();
    expect(rest).toEqual([]);
    expect(event).toEqual({
      type: "user.created",
      body: {
        type: "user.created",
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: { user: { id: user.profile.id, phone: user.profile.phone, inviteCode: user.profile.inviteCode, createdAt: user.profile.createdAt } },
      },
      deliveries: [endpointId],
    });
    const db = await getDb();
    const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    expect(delivery).toMatchObject({ status: "pending", attempts: 0, leaseExpiresAt: null });
    // Signing in again is no new account and no event.
    await passCooldown(user.profile.phone);
    await signIn(user.profile.phone);
    expect(await outbox()).toHaveLength(1);
  });

  it("an activation writes invite.activated: who activated whose code, and when", async () => {
    const referrer = await signIn();
    const invitee = await signIn();
    await getDb().then((db) => db.delete(webhookEvents).where(sql`true`));
    const activated = await api.post("/api/v1/profile/invite-code", { code: referrer.profile.inviteCode }, { token: invitee.accessToken });
    expect(activated.status, activated.text).toBe(200);
    const events = await outbox();
    expect(events.map((event) => event.type)).toEqual(["invite.activated"]);
    expect(events[0]!.body.data).toEqual({
      user: { id: invitee.profile.id, phone: invitee.profile.phone, inviteCode: invitee.profile.inviteCode, createdAt: invitee.profile.createdAt },
      referrer: { id: referrer.profile.id, phone: referrer.profile.phone, inviteCode: referrer.profile.inviteCode },
      inviteCode: referrer.profile.inviteCode,
      activatedAt: expect.stringMatching(/Z$/),
    });
    // A refused activation (already activated) writes nothing.
    const again = await api.post("/api/v1/profile/invite-code", { code: admin.profile.inviteCode }, { token: invitee.accessToken });
    expect(again.status).toBe(409);
    expect(await outbox()).toHaveLength(1);
  });

  it("a confirmed phone change writes user.phone_changed with the new phone", async () => {
    const user = await signIn();
    await getDb().then((db) => db.delete(webhookEvents).where(sql`true`));
    const next = uniquePhone();
    expect((await api.post("/api/v1/profile/phone", { phone: next }, { token: user.accessToken, address: "10.9.0.1" })).status).toBe(200);
    const code = await latestCode(next);
    const wrong = code === "0000" ? "1111" : "0000";
    expect((await api.post("/api/v1/profile/phone/confirm", { phone: next, code: wrong }, { token: user.accessToken })).status).toBe(401);
    expect(await outbox()).toEqual([]);
    expect((await api.post("/api/v1/profile/phone/confirm", { phone: next, code }, { token: user.accessToken })).status).toBe(200);
    const events = await outbox();
    expect(events.map((event) => [event.type, event.body.data.user.id, event.body.data.user.phone])).toEqual([["user.phone_changed", user.profile.id, next]]);
  });

  it("blocking and unblocking write user.blocked and user.unblocked, once per actual change", async () => {
    const user = await signIn();
    await getDb().then((db) => db.delete(webhookEvents).where(sql`true`));
    const patch = (isBlocked: boolean) => api.patch(`/api/v1/admin/users/${user.profile.id}`, { isBlocked }, { token: admin.accessToken });
    expect((await patch(true)).status).toBe(200);
    expect((await patch(true)).status).toBe(200);
    expect((await patch(false)).status).toBe(200);
    // Admin rights are no webhook event.
    expect((await api.patch(`/api/v1/admin/users/${user.profile.id}`, { isAdmin: true }, { token: admin.accessToken })).status).toBe(200);
    expect((await api.patch(`/api/v1/admin/users/${user.profile.id}`, { isAdmin: false }, { token: admin.accessToken })).status).toBe(200);
    const events = await outbox();
    expect(events.map((event) => [event.type, event.body.data.user.id])).toEqual([
      ["user.blocked", user.profile.id],
      ["user.unblocked", user.profile.id],
    ]);
  });

  it("a deletion writes user.deleted with the id alone; a refused deletion writes nothing", async () => {
    const user = await signIn();
    await getDb().then((db) => db.delete(webhookEvents).where(sql`true`));
    expect((await api.delete("/api/v1/profile", { token: user.accessToken })).status).toBe(204);
    expect((await outbox()).map((event) => [event.type, event.body.data])).toEqual([["user.deleted", { user: { id: user.profile.id } }]]);

    // The last administrator cannot delete their account: no event either.
    expect((await api.delete("/api/v1/profile", { token: admin.accessToken })).status).toBe(409);
    expect(await outbox()).toHaveLength(1);
  });

  it("an event written in a transaction that rolls back leaves no event and no delivery", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueWebhookEvent({ tx, type: "user.deleted", data: { user: { id: "x" } } });
        expect(await tx.select().from(webhookEvents)).toHaveLength(1);
        throw new Error("the change fails after its event was written");
      }),
    ).rejects.toThrow("the change fails");
    expect(await outbox()).toEqual([]);
    expect(await db.select().from(webhookDeliveries)).toEqual([]);
  });

  it("only enabled endpoints subscribed to the type get a delivery; with none, nothing is written", async () => {
    const db = await getDb();
    const [other] = await db
      .insert(webhookEndpoints)
      .values({ url: "https://example.com/a", events: ["user.deleted"], secret: "whsec_AAAA" })
      .returning();
    await signIn();
    expect((await outbox()).map((event) => event.deliveries)).toEqual([[endpointId]]);

    await db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, endpointId));
    await signIn();
    expect(await outbox()).toHaveLength(1);

    await db.transaction(async (tx) => enqueueWebhookEvent({ tx, type: "user.deleted", data: { user: { id: "y" } } }));
    expect((await outbox()).map((event) => event.deliveries)).toEqual([[endpointId], [other!.id]]);
    await db.update(webhookEndpoints).set({ enabled: true }).where(eq(webhookEndpoints.id, endpointId));
    await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, other!.id));
  });
});
