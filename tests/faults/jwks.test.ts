import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppServer, signIn } from "./support/app-server";
import { Cluster } from "./support/cluster";

// The same JWT_SECRET as AppServer's: the CLI decrypts and encrypts the signing keys with it.
const JWT_SECRET = "faults-only-secret-0123456789abcdefghijklmnopqrstuv";
const APP_ORIGIN = "https://app.example.com";
const env = { CORS_ORIGINS: APP_ORIGIN, JWT_ISSUER: "https://id.example.com", JWT_AUDIENCE: "partner-api" };

let cluster: Cluster;
let a: AppServer;
let b: AppServer | undefined;

beforeAll(async () => {
  cluster = new Cluster(Number(process.env.FAULTS_JWKS_PG_PORT ?? 5531));
  cluster.start();
  a = new AppServer(Number(process.env.FAULTS_JWKS_APP_PORT_A ?? 3831), cluster.url, { env });
  await a.start();
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  cluster?.destroy();
});

/** What another service does with our access token: nothing but jose and the JWKS URL. */
async function verifyElsewhere(jwks: ReturnType<typeof createRemoteJWKSet>, token: string) {
  const { payload } = await jwtVerify(token, jwks, { issuer: "https://id.example.com", audience: "partner-api" });
  return payload;
}

async function keys(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/keys.ts", ...args], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: cluster.url, JWT_SECRET, SMS_PROVIDER: "simulated", DEMO_MODE: "true", LOG_LEVEL: "warn" },
  });
  return stdout;
}

describe("a running server's tokens, verified by another service through the JWKS", () => {
  it("publishes the keys, and jose's createRemoteJWKSet verifies a token; after a rotation, old and new tokens both verify", async () => {
    const jwksUrl = new URL(`${a.url}/.well-known/jwks.json`);
    const served = await fetch(jwksUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toBe("public, max-age=300");
    expect(served.headers.get("access-control-allow-origin")).toBe("*");
    expect(served.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    const published = (await served.json()) as { keys: Record<string, string>[] };
    expect(published.keys).toHaveLength(1);
    expect(published.keys[0]).not.toHaveProperty("d");

    // cooldownDuration 0: a verifier that meets an unknown kid reads the set again at once (jose's default waits 30 s).
    const jwks = createRemoteJWKSet(jwksUrl, { cooldownDuration: 0 });
    const before = await signIn(a, a);
    const claims = await verifyElsewhere(jwks, before.accessToken);
    expect(claims).toMatchObject({ iss: "https://id.example.com", aud: "partner-api", sub: decodeJwt(before.accessToken).sub });
    expect(decodeProtectedHeader(before.accessToken)).toMatchObject({ alg: "ES256", kid: published.keys[0]!.kid });

    expect(await keys("rotate")).toMatch(/^New signing key \S+: it signs from now on/);
    const listed = (await keys("list")).trim().split("\n");
    expect(listed).toHaveLength(2);
    const newKid = listed[0]!.split("  ")[0]!;

    // A second instance started now signs with the new key; the first still verifies its tokens (an unknown kid
    // makes it read the keys again), and its own earlier tokens stay valid everywhere.
    b = new AppServer(Number(process.env.FAULTS_JWKS_APP_PORT_B ?? 3832), cluster.url, { env });
    await b.start();
    const after = await signIn(b, b);
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(newKid);
    expect(await verifyElsewhere(jwks, after.accessToken)).toMatchObject({ sub: decodeJwt(after.accessToken).sub });
    expect(await verifyElsewhere(jwks, before.accessToken)).toMatchObject({ sub: decodeJwt(before.accessToken).sub });
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    expect((await a.request("GET", "/api/v1/profile", { token: after.accessToken })).status).toBe(200);
    expect((await b.request("GET", "/api/v1/profile", { token: before.accessToken })).status).toBe(200);
    expect(((await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid)[0]).toBe(newKid);
    expect(await keys("prune")).toMatch(/^Nothing to drop/);
  });

  it("answers CORS for a listed origin through Next.js, and lists sessions with a coarse network", async () => {
    const session = await signIn(a, a);
    const preflight = await fetch(`${a.url}/api/v1/profile/sessions`, {
      method: "OPTIONS",
      headers: { origin: APP_ORIGIN, "access-control-request-method": "DELETE", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();

    const listed = await fetch(`${a.url}/api/v1/profile/sessions`, { headers: { origin: APP_ORIGIN, authorization: `Bearer ${session.accessToken}` } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(listed.headers.get("vary")).toMatch(/^Origin\b/);
    expect(listed.headers.get("content-security-policy")).toContain("default-src 'none'");
    const body = (await listed.json()) as { items: { ip: string; current: boolean }[] };
    expect(body.items).toEqual([expect.objectContaining({ ip: "127.0.0.0/24", current: true })]);

    const elsewhere = await fetch(`${a.url}/api/v1/profile/sessions`, { headers: { origin: "https://evil.example", authorization: `Bearer ${session.accessToken}` } });
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
    const refusedPreflight = await fetch(`${a.url}/api/v1/profile`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
    expect(refusedPreflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});
