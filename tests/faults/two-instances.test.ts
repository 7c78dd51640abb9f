import { decodeJwt } from "jose";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppServer, signIn, uniquePhone } from "./support/app-server";
import { Cluster } from "./support/cluster";

let cluster: Cluster;
let a: AppServer;
let b: AppServer;

beforeAll(async () => {
  cluster = new Cluster(Number(process.env.FAULTS_PG_PORT_2 ?? 5502));
  cluster.start();
  a = new AppServer(Number(process.env.FAULTS_APP_PORT_A ?? 3802), cluster.url);
  b = new AppServer(Number(process.env.FAULTS_APP_PORT_B ?? 3803), cluster.url);
  // One after the other: both run the migrations at start-up; the second finds them applied.
  await a.start();
  await b.start();
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  cluster?.destroy();
});

describe("two app instances on one database", () => {
  it("share codes: a code sent by one instance signs in on the other, once", async () => {
    const phone = uniquePhone();
    expect((await a.request("POST", "/api/v1/auth/code", { json: { phone } })).status).toBe(200);
    const outbox = await b.request("GET", `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
    const code = outbox.body.messages[0].code as string;
    expect((await b.request("POST", "/api/v1/auth/verify", { json: { phone, code } })).status).toBe(200);
    const again = await a.request("POST", "/api/v1/auth/verify", { json: { phone, code } });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe("invalid_code");
  });

  it("share limits: the resend cooldown and wrong tries count across instances", async () => {
    const phone = uniquePhone();
    expect((await a.request("POST", "/api/v1/auth/code", { json: { phone } })).status).toBe(200);
    const tooSoon = await b.request("POST", "/api/v1/auth/code", { json: { phone } });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.type).toMatch(/^application\/problem\+json/);

    const outbox = await a.request("GET", `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
    const code = outbox.body.messages[0].code as string;
    const wrong = code === "000000" ? "111111" : "000000";
    // Three wrong tries spread over both instances burn the code.
    for (const server of [a, b, a]) expect((await server.request("POST", "/api/v1/auth/verify", { json: { phone, code: wrong } })).status).toBe(401);
    const burnt = await b.request("POST", "/api/v1/auth/verify", { json: { phone, code } });
    expect([401, 429]).toContain(burnt.status);
  });

  it("share sessions: tokens from one instance work, refresh and end on the other", async () => {
    const session = await signIn(a, a);
    expect((await b.request("GET", "/api/v1/profile", { token: session.accessToken })).status).toBe(200);

    const refreshed = await b.request("POST", "/api/v1/auth/refresh", { json: { refreshToken: session.refreshToken } });
    expect(refreshed.status).toBe(200);
    // A retry on the other instance within REFRESH_REUSE_GRACE_SECONDS gets a pair of the same session.
    const retried = await a.request("POST", "/api/v1/auth/refresh", { json: { refreshToken: session.refreshToken } });
    expect(retried.status).toBe(200);
    expect(decodeJwt(retried.body.accessToken as string).sid).toBe(decodeJwt(session.accessToken).sid);
    // Past the window the rotated refresh token is dead on both, and presenting it revokes the session everywhere.
    const sql = postgres(cluster.url, { max: 1, onnotice: () => undefined });
    await sql`update refresh_tokens set rotated_at = rotated_at - interval '1 hour' where rotated_at is not null`;
    await sql.end();
    expect((await a.request("POST", "/api/v1/auth/refresh", { json: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await a.request("GET", "/api/v1/profile", { token: refreshed.body.accessToken as string })).status).toBe(401);
    expect((await b.request("GET", "/api/v1/profile", { token: retried.body.accessToken as string })).status).toBe(401);

    const other = await signIn(b, a);
    expect((await a.request("POST", "/api/v1/auth/logout", { token: other.accessToken, json: { refreshToken: other.refreshToken } })).status).toBeLessThan(300);
    expect((await b.request("GET", "/api/v1/profile", { token: other.accessToken })).status).toBe(401);
  });
});
