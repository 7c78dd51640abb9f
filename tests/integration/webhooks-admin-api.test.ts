import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { AuthTokens } from "@/lib/auth/schemas";
import { webhookDeliveryPage, webhookEndpoint, webhookEndpointList, webhookEndpointWithSecret } from "@/lib/webhooks/schemas";
import { api, call } from "../helpers/api";
import { setEnv } from "../helpers/env";
import { expectProblem } from "../helpers/expect-problem";
import { signIn } from "../helpers/flows";

let admin: AuthTokens;
let restoreEnv: () => void;
const base = "/api/v1/admin/webhooks";

beforeAll(async () => {
  restoreEnv = setEnv({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: undefined });
  admin = await signIn();
});

afterAll(() => restoreEnv());

const token = () => ({ token: admin.accessToken });

async function create(body: object = { url: "https://93.184.215.14/hooks", events: ["user.created"] }) {
  const created = await api.post(base, body, token());
  expect(created.status, created.text).toBe(201);
  return webhookEndpointWithSecret.parse(created.body);
}

describe("webhook administration is for administrators", () => {
  it.each([
    ["GET", base],
    ["POST", base],
    ["GET", `${base}/${randomUUID()}`],
    ["PATCH", `${base}/${randomUUID()}`],
    ["DELETE", `${base}/${randomUUID()}`],
    ["GET", `${base}/${randomUUID()}/deliveries`],
    ["POST", `${base}/${randomUUID()}/deliveries/${randomUUID()}/retry`],
    ["POST", `${base}/${randomUUID()}/test`],
    ["POST", `${base}/${randomUUID()}/rotate-secret`],
  ])("%s %s: 401 without a session, 403 for a user", async (method, path) => {
    const user = await signIn();
    const body = method === "POST" || method === "PATCH" ? { url: "https://93.184.215.14/", events: ["user.created"] } : undefined;
    expectProblem(await call(method, path, { json: body }), "unauthorized");
    expectProblem(await call(method, path, { json: body, token: user.accessToken }), "forbidden");
  });
});

describe("endpoints", () => {
  it("creates an endpoint and shows its secret once; lists, reads, changes and deletes it", async () => {
    const created = await create({ url: "https://93.184.215.14/hooks", events: ["user.created", "invite.activated"], description: "CRM" });
    expect(created).toEqual({
      id: expect.any(String),
      url: "https://93.184.215.14/hooks",
      events: ["user.created", "invite.activated"],
      description: "CRM",
      enabled: true,
      disabledReason: null,
      failingSince: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
      createdAt: expect.any(String),
    });
    const { secret, ...withoutSecret } = created;

    const listed = await api.get(base, token());
    expect(listed.status).toBe(200);
    expect(webhookEndpointList.parse(listed.body).items).toContainEqual(withoutSecret);
    expect(listed.text).not.toContain(secret);
    const read = await api.get(`${base}/${created.id.toUpperCase()}`, token());
    expect(read.body).toEqual(withoutSecret);

    const disabled = await api.patch(`${base}/${created.id}`, { enabled: false, events: ["user.deleted"], description: null }, token());
    expect(disabled.status, disabled.text).toBe(200);
    expect(webhookEndpoint.parse(disabled.body)).toMatchObject({ enabled: false, disabledReason: "Disabled by an administrator.", events: ["user.deleted"], description: null });
    const db = await getDb();
    await db.update(webhookEndpoints).set({ failingSince: sql`now()` }).where(eq(webhookEndpoints.id, created.id));
    const enabled = await api.patch(`${base}/${created.id}`, { enabled: true, url: "https://93.184.215.15/other" }, token());
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null, url: "https://93.184.215.15/other" });

    const rotated = await api.post(`${base}/${created.id}/rotate-secret`, undefined, token());
    expect(rotated.status).toBe(200);
    expect(webhookEndpointWithSecret.parse(rotated.body).secret).not.toBe(secret);

    expect((await api.delete(`${base}/${created.id}`, token())).status).toBe(204);
    expectProblem(await api.get(`${base}/${created.id}`, token()), "not_found");
    expectProblem(await api.delete(`${base}/${created.id}`, token()), "not_found");
  });

  it.each([
    ["http://93.184.215.14/hooks", /^Only https URLs are allowed\.$/],
    ["https://127.0.0.1/hooks", /127\.0\.0\.1, a private, loopback or reserved address/],
    ["https://10.1.2.3/", /private/],
    ["https://169.254.169.254/latest/meta-data", /private/],
    ["https://[::1]:8443/", /::1, a private/],
    ["https://[::ffff:192.168.0.1]/", /private/],
    ["https://localhost/hooks", /localhost resolves to/],
    ["https://user:pass@93.184.215.14/", /user name or password/],
    ["https://no-such-host.invalid/", /does not resolve/],
  ])("refuses %s with 400 webhook_url_not_allowed", async (url, detail) => {
    expectProblem(await api.post(base, { url, events: ["user.created"] }, token()), "webhook_url_not_allowed", { detail });
  });

  it("refuses an inward URL at a change too; allows http and private addresses with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true", async () => {
    const { id } = await create();
    expectProblem(await api.patch(`${base}/${id}`, { url: "https://192.168.1.1/" }, token()), "webhook_url_not_allowed");
    const restore = setEnv({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
    try {
      const changed = await api.patch(`${base}/${id}`, { url: "http://127.0.0.1:9/hooks" }, token());
      expect(changed.status, changed.text).toBe(200);
    } finally {
      restore();
    }
  });

  it.each([
    [{ url: "not a url", events: ["user.created"] }, "url"],
    [{ url: "ftp://93.184.215.14/", events: ["user.created"] }, "url"],
    [{ url: "https://93.184.215.14/", events: [] }, "events"],
    [{ url: "https://93.184.215.14/", events: ["user.exploded"] }, "events.0"],
    [{ url: "https://93.184.215.14/", events: ["user.created", "user.created"] }, "events"],
    [{ url: "https://93.184.215.14/", events: ["user.created"], secret: "whsec_mine" }, "secret"],
    [{ events: ["user.created"] }, "url"],
  ])("answers 400 validation_error to %j", async (body, path) => {
    const response = await api.post(base, body, token());
    expect(response.status, response.text).toBe(400);
    expect(response.body.code).toBe("validation_error");
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it("answers 400 to a malformed id and 404 to an unknown one", async () => {
    expectProblem(await api.get(`${base}/nope`, token()), "validation_error", { errors: [{ path: "id", message: "Expected a UUID." }] });
    expectProblem(await api.patch(`${base}/nope`, { enabled: false }, token()), "validation_error", { errors: [{ path: "id", message: "Expected a UUID." }] });
    expectProblem(await api.patch(`${base}/${randomUUID()}`, { enabled: false }, token()), "not_found");
    expectProblem(await api.post(`${base}/${randomUUID()}/rotate-secret`, undefined, token()), "not_found");
    expectProblem(await api.post(`${base}/${randomUUID()}/test`, undefined, token()), "not_found");
    expectProblem(await api.get(`${base}/${randomUUID()}/deliveries`, token()), "not_found");
    const { id } = await create();
    expectProblem(await api.post(`${base}/${id}/deliveries/nope/retry`, undefined, token()), "validation_error", {
      errors: [{ path: "deliveryId", message: "Expected a UUID." }],
    });
    expectProblem(await api.post(`${base}/${id}/deliveries/${randomUUID()}/retry`, undefined, token()), "not_found");
  });
});

describe("deliveries", () => {
  it("a test event shows as a pending delivery; pages go newest first; a retry makes the next attempt due now", async () => {
    const { id } = await create();
    for (let i = 0; i < 3; i++) expect((await api.post(`${base}/${id}/test`, undefined, token())).status).toBe(202);

    const first = await api.get(`${base}/${id}/deliveries?limit=2`, token());
    expect(first.status, first.text).toBe(200);
    const page = webhookDeliveryPage.parse(first.body);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toEqual({
      id: expect.any(String),
      eventId: expect.any(String),
      eventType: "webhook.test",
      status: "pending",
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      lastResponse: null,
      lastAttemptAt: null,
      nextAttemptAt: expect.any(String),
      createdAt: expect.any(String),
    });
    const second = await api.get(`${base}/${id}/deliveries?limit=2&cursor=${page.nextCursor}`, token());
    const rest = webhookDeliveryPage.parse(second.body);
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const db = await getDb();
    const all = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id)).orderBy(webhookDeliveries.seq);
    expect([...page.items, ...rest.items].map((item) => item.id)).toEqual(all.map((row) => row.id).reverse());

    const target = all[0]!;
    await db
      .update(webhookDeliveries)
      .set({ status: "failed", attempts: 9, nextAttemptAt: sql`now() + interval '1 day'`, lastStatusCode: 500, lastError: "HTTP 500" })
      .where(eq(webhookDeliveries.id, target.id));
    const failed = webhookDeliveryPage.parse((await api.get(`${base}/${id}/deliveries`, token())).body).items.at(-1)!;
    expect(failed).toMatchObject({ status: "failed", attempts: 9, lastStatusCode: 500, lastError: "HTTP 500", nextAttemptAt: null });
    expect((await api.post(`${base}/${id}/deliveries/${target.id}/retry`, undefined, token())).status).toBe(202);
    const [retried] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, target.id));
    expect(retried).toMatchObject({ status: "pending", attempts: 9 });
    expect(retried!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("answers 409 to a test or a retry on a disabled endpoint", async () => {
    const { id } = await create();
    expect((await api.post(`${base}/${id}/test`, undefined, token())).status).toBe(202);
    const [delivery] = webhookDeliveryPage.parse((await api.get(`${base}/${id}/deliveries`, token())).body).items;
    await api.patch(`${base}/${id}`, { enabled: false }, token());
    expectProblem(await api.post(`${base}/${id}/test`, undefined, token()), "conflict", { detail: "The endpoint is disabled. Enable it first." });
    expectProblem(await api.post(`${base}/${id}/deliveries/${delivery!.id}/retry`, undefined, token()), "conflict");
  });

  it.each([
    ["limit=0", "validation_error"],
    ["limit=101", "validation_error"],
    ["cursor=abc", "invalid_cursor"],
    ["cursor=0", "invalid_cursor"],
    ["page=2", "validation_error"],
  ] as const)("answers 400 to ?%s", async (query, code) => {
    const { id } = await create();
    const response = await api.get(`${base}/${id}/deliveries?${query}`, token());
    expect(response.status, response.text).toBe(400);
    expect(response.body.code).toBe(code);
  });
});
