import { sql } from "drizzle-orm";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, UnsecuredJWT } from "jose";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { getDb } from "@/db";
import { signingKeys } from "@/db/schema";
import { resetEnvCache } from "@/lib/config/env";
import { signAccessToken, verifyAccessToken } from "@/lib/sessions/access-token";
import { jsonWebKeySet } from "@/lib/sessions/schemas";
import { decryptPrivateJwk } from "@/lib/signing-keys/key-encryption";
import { runKeysCommand } from "@/lib/signing-keys/run-keys-command";
import {
  ensureSigningKey,
  KEY_CACHE_SECONDS,
  listSigningKeys,
  pruneSigningKeys,
  resetSigningKeyCache,
  retiredKeyLifetimeSeconds,
  rotateSigningKey,
  signingKeySet,
  verificationKey,
} from "@/lib/signing-keys/signing-keys";
import { api } from "../helpers/api";
import { setEnv } from "../helpers/env";
import { signIn } from "../helpers/flows";
import { expectProblem } from "../helpers/problems";

const claims = { userId: "0b9d7c8e-3f0e-4d36-9a49-6f1f3a3b8c11", sessionId: "5c1e8f2a-0000-4000-8000-000000000001" };

function decode(token: string) {
  const [header, payload] = token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
  return { header, payload };
}

async function jwks() {
  const response = await api.get("/.well-known/jwks.json");
  expect(response.status, response.text).toBe(200);
  return response;
}

/** Moves every key's creation back, as if it had been made `seconds` ago. */
async function ageKeys(seconds: number) {
  const db = await getDb();
  await db.execute(sql`update signing_keys set created_at = created_at - make_interval(secs => ${seconds})`);
}

afterEach(() => {
  vi.restoreAllMocks();
  resetSigningKeyCache();
});

describe("access tokens", () => {
  it("are ES256 with a kid, and carry iss, aud, sub, sid, iat and exp", async () => {
    const db = await getDb();
    const token = await signAccessToken({ db, ...claims });
    const { header, payload } = decode(token);
    const [current] = await listSigningKeys({ db });
    expect(header).toEqual({ alg: "ES256", typ: "JWT", kid: current!.kid });
    expect(payload).toMatchObject({ iss: "phone-referrals", aud: "phone-referrals", sub: claims.userId, sid: claims.sessionId });
    expect(payload.exp - payload.iat).toBe(900);
    expect(await verifyAccessToken({ db, token })).toEqual(claims);
    expect(await signAccessToken({ db, ...claims })).not.toBe(token);
  });

  it("follow JWT_ISSUER and JWT_AUDIENCE, and a token of another issuer or audience is refused", async () => {
    const db = await getDb();
    const before = await signAccessToken({ db, ...claims });
    const restore = setEnv({ JWT_ISSUER: "https://id.example.com", JWT_AUDIENCE: "partner-api" });
    try {
      const token = await signAccessToken({ db, ...claims });
      expect(decode(token).payload).toMatchObject({ iss: "https://id.example.com", aud: "partner-api" });
      expect(await verifyAccessToken({ db, token })).toEqual(claims);
      expect(await verifyAccessToken({ db, token: before })).toBeNull();
    } finally {
      restore();
    }
    expect(await verifyAccessToken({ db, token: before })).toEqual(claims);
  });

  it("are verified by another service with nothing but the JWKS (jose)", async () => {
    const db = await getDb();
    const token = await signAccessToken({ db, ...claims });
    const keySet = createLocalJWKSet((await jwks()).body);
    const { payload } = await jwtVerify(token, keySet, { issuer: "phone-referrals", audience: "phone-referrals", algorithms: ["ES256"] });
    expect(payload).toMatchObject({ sub: claims.userId, sid: claims.sessionId });
  });

  describe("refuses", () => {
    const secret = () => new TextEncoder().encode(process.env.JWT_SECRET ?? "x".repeat(32));

    async function forged(options: { alg?: string; kid?: string | null; key?: CryptoKey | Uint8Array; payload?: Record<string, unknown>; exp?: number | null }) {
      const db = await getDb();
      const { current } = await signingKeySet({ db });
      const header: Record<string, string> = { alg: options.alg ?? "ES256", typ: "JWT" };
      if (options.kid !== null) header.kid = options.kid ?? current.kid;
      const jwt = new SignJWT(options.payload ?? { sid: claims.sessionId, sub: claims.userId })
        .setProtectedHeader(header as { alg: string })
        .setIssuer("phone-referrals")
        .setAudience("phone-referrals")
        .setIssuedAt();
      if (options.exp !== null) jwt.setExpirationTime(options.exp ?? "15m");
      return jwt.sign(options.key ?? current.privateKey);
    }

    it("accepts the forger's baseline (the helper is faithful)", async () => {
      expect(await verifyAccessToken({ db: await getDb(), token: await forged({}) })).toEqual(claims);
    });

    it.each(["HS256", "HS384", "HS512"])("a symmetric %s token, even one made with JWT_SECRET and our kid", async (alg) => {
      const db = await getDb();
      const { env } = await import("@/lib/config/env");
      const token = await forged({ alg, key: new TextEncoder().encode(env().JWT_SECRET) });
      expect(decodeProtectedHeader(token).alg).toBe(alg);
      expect(await verifyAccessToken({ db, token })).toBeNull();
      expect(await verifyAccessToken({ db, token: await forged({ alg, key: secret() }) })).toBeNull();
    });

    it("alg none", async () => {
      const token = new UnsecuredJWT({ sid: claims.sessionId }).setSubject(claims.userId).setIssuer("phone-referrals").setAudience("phone-referrals").setIssuedAt().setExpirationTime("15m").encode();
      expect(await verifyAccessToken({ db: await getDb(), token })).toBeNull();
    });

    it("a token without a kid, or with an unknown or overlong one", async () => {
      const db = await getDb();
      expect(await verifyAccessToken({ db, token: await forged({ kid: null }) })).toBeNull();
      expect(await verifyAccessToken({ db, token: await forged({ kid: "no-such-key" }) })).toBeNull();
      expect(await verifyAccessToken({ db, token: await forged({ kid: "k".repeat(101) }) })).toBeNull();
    });

    it("a token signed by a key we never published", async () => {
      const { generateKeyPair } = await import("jose");
      const { privateKey } = await generateKeyPair("ES256");
      expect(await verifyAccessToken({ db: await getDb(), token: await forged({ key: privateKey }) })).toBeNull();
    });

    it("an expired token, and one without an expiry", async () => {
      const db = await getDb();
      expect(await verifyAccessToken({ db, token: await forged({ exp: Math.floor(Date.now() / 1000) - 5 }) })).toBeNull();
      expect(await verifyAccessToken({ db, token: await forged({ exp: null }) })).toBeNull();
    });

    it("a token without sub or sid, or with a changed payload", async () => {
      const db = await getDb();
      expect(await verifyAccessToken({ db, token: await forged({ payload: { sid: claims.sessionId } }) })).toBeNull();
      expect(await verifyAccessToken({ db, token: await forged({ payload: { sub: claims.userId } }) })).toBeNull();
      const [header, , signature] = (await signAccessToken({ db, ...claims })).split(".");
      const payload = Buffer.from(JSON.stringify({ sub: "someone", sid: claims.sessionId, iss: "phone-referrals", aud: "phone-referrals", iat: 1, exp: 9_999_999_999 })).toString("base64url");
      expect(await verifyAccessToken({ db, token: `${header}.${payload}.${signature}` })).toBeNull();
    });

    it.each(["", "garbage", "a.b.c", "eyJhbGciOiJFUzI1NiJ9..sig"])("the malformed token %j", async (token) => {
      expect(await verifyAccessToken({ db: await getDb(), token })).toBeNull();
    });

    it("an HS256 token at the API: 401 invalid_token", async () => {
      const { env } = await import("@/lib/config/env");
      const tokens = await signIn();
      const { payload } = decode(tokens.accessToken);
      const token = await forged({ alg: "HS256", key: new TextEncoder().encode(env().JWT_SECRET), payload: { sub: payload.sub, sid: payload.sid } });
      expectProblem(await api.get("/api/v1/profile", { token }), "invalid_token", "The access token is invalid or has expired.");
      expect((await api.get("/api/v1/profile", { token: tokens.accessToken })).status).toBe(200);
    });
  });
});

describe("GET /.well-known/jwks.json", () => {
  it("publishes the public keys only, cacheable and readable from any origin", async () => {
    const response = await jwks();
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(jsonWebKeySet.parse(response.body)).toEqual(response.body);
    for (const key of response.body.keys) expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
  });

  it("creates the first key when there is none", async () => {
    const db = await getDb();
    await db.delete(signingKeys);
    resetSigningKeyCache();
    const response = await jwks();
    expect(response.body.keys).toHaveLength(1);
    expect((await listSigningKeys({ db }))[0]!.kid).toBe(response.body.keys[0].kid);
  });
});

describe("signing keys", () => {
  it("a signer inside a transaction never waits for a read on another connection (the pool may have none left)", async () => {
    const db = await getDb();
    // A read through the pool that cannot get a connection: every one is held by a transaction like the one below.
    const starved = { select: () => ({ from: () => ({ orderBy: () => new Promise<never>(() => undefined) }) }) } as unknown as typeof db;
    void signingKeySet({ db: starved });
    const token = await db.transaction(async (tx) => {
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("the signer waited for the pool's read")), 5_000);
      });
      try {
        return await Promise.race([signAccessToken({ db: tx, ...claims }), stuck]);
      } finally {
        clearTimeout(timer);
      }
    });
    expect(await verifyAccessToken({ db, token })).toEqual(claims);
  });

  it("callers outside a transaction share one read: a burst of unknown kids costs one read, not one each", async () => {
    const db = await getDb();
    await signingKeySet({ db });
    let reads = 0;
    const counting = Object.assign(Object.create(db) as typeof db, {
      select: ((...args: Parameters<typeof db.select>) => {
        reads += 1;
        return db.select(...args);
      }) as typeof db.select,
    });
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 6_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => verificationKey({ db: counting, kid: "no-such-key" })));
    expect(answers.every((key) => key === undefined)).toBe(true);
    expect(reads).toBe(1);
  });

  it("one key cache per process, whichever copy of the module reads it (Next.js bundles instrumentation and routes apart)", async () => {
    const db = await getDb();
    const { current } = await signingKeySet({ db });
    // A second copy of the module, as another bundle of the same process would load it.
    const specifier = "@/lib/signing-keys/signing-keys.ts?another-bundle";
    const copy = (await import(/* @vite-ignore */ specifier)) as { signingKeySet: typeof signingKeySet };
    expect(copy.signingKeySet).not.toBe(signingKeySet);
    const starved = { select: () => ({ from: () => ({ orderBy: () => new Promise<never>(() => undefined) }) }) } as unknown as typeof db;
    // Answered from the keys the first copy read, without a read of its own.
    expect((await copy.signingKeySet({ db: starved })).current.kid).toBe(current.kid);
  });

  it("store the private part encrypted with a key derived from JWT_SECRET, bound to its kid", async () => {
    const db = await getDb();
    await signingKeySet({ db });
    const [row] = await db.select().from(signingKeys).limit(1);
    expect(row!.privateJwkEncrypted).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const jwk = decryptPrivateJwk({ kid: row!.kid, encrypted: row!.privateJwkEncrypted });
    expect(jwk).toMatchObject({ kty: "EC", crv: "P-256", x: row!.publicJwk.x });
    expect(row!.privateJwkEncrypted).not.toContain(jwk.d);
    expect(JSON.stringify(row!.publicJwk)).not.toContain(jwk.d);
    expect(() => decryptPrivateJwk({ kid: "another-kid", encrypted: row!.privateJwkEncrypted })).toThrow("JWT_SECRET is not the one");
    expect(() => decryptPrivateJwk({ kid: row!.kid, encrypted: "v2.abc" })).toThrow("unknown encryption format");
    expect(() => decryptPrivateJwk({ kid: row!.kid, encrypted: "v1.abc" })).toThrow("ciphertext too short");
    const restore = setEnv({ JWT_SECRET: "another-secret-of-at-least-32-characters!" });
    try {
      expect(() => decryptPrivateJwk({ kid: row!.kid, encrypted: row!.privateJwkEncrypted })).toThrow("JWT_SECRET is not the one");
    } finally {
      restore();
    }
  });

  it("are created once when several instances start together", async () => {
    const db = await getDb();
    await db.delete(signingKeys);
    resetSigningKeyCache();
    await Promise.all(Array.from({ length: 6 }, () => ensureSigningKey({ db })));
    expect(await listSigningKeys({ db })).toHaveLength(1);
  });

  it("rotate: the new key signs, old tokens still verify, both are published until pruned", async () => {
    const db = await getDb();
    const oldToken = await signAccessToken({ db, ...claims });
    const oldKid = decodeProtectedHeader(oldToken).kid;
    const newKid = await rotateSigningKey({ db });
    const newToken = await signAccessToken({ db, ...claims });
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);
    expect(newKid).not.toBe(oldKid);
    expect(await verifyAccessToken({ db, token: oldToken })).toEqual(claims);
    expect(await verifyAccessToken({ db, token: newToken })).toEqual(claims);
    const published = (await jwks()).body.keys.map((key: { kid: string }) => key.kid);
    expect(published.slice(0, 2)).toEqual([newKid, oldKid]);

    // Too early to prune: tokens of the old key may still be valid.
    expect(await pruneSigningKeys({ db })).toEqual([]);
    await ageKeys(retiredKeyLifetimeSeconds() - 30);
    expect(await pruneSigningKeys({ db })).toEqual([]);
    await ageKeys(60);
    const pruned = await pruneSigningKeys({ db });
    expect(pruned).toContain(oldKid);
    expect(pruned).not.toContain(newKid);
    expect((await jwks()).body.keys.map((key: { kid: string }) => key.kid)).toEqual([newKid]);
    expect(await verifyAccessToken({ db, token: oldToken })).toBeNull();
    expect(await verifyAccessToken({ db, token: newToken })).toEqual(claims);
  });

  it("several instances agree: another instance's new key is read on its first unknown kid, and signs here within the cache time", async () => {
    const db = await getDb();
    // Instances share JWT_SECRET (in tests each copy of lib/config/env would generate its own).
    const restore = setEnv({ JWT_SECRET: "instances-share-this-secret-0123456789abcdef" });
    onTestFinished(async () => {
      restore();
      await db.delete(signingKeys);
    });
    await db.delete(signingKeys);
    resetSigningKeyCache();
    const before = await signAccessToken({ db, ...claims });
    // Another instance: the same modules with a cache of their own (the cache lives on globalThis, one per process).
    const holder = globalThis as { __phoneReferralsSigningKeys?: unknown };
    const ours = holder.__phoneReferralsSigningKeys;
    delete holder.__phoneReferralsSigningKeys;
    vi.resetModules();
    const other = {
      keys: await import("@/lib/signing-keys/signing-keys"),
      tokens: await import("@/lib/sessions/access-token"),
    };
    holder.__phoneReferralsSigningKeys = ours;
    const newKid = await other.keys.rotateSigningKey({ db });
    const fromOther = await other.tokens.signAccessToken({ db, ...claims });
    expect(decodeProtectedHeader(fromOther).kid).toBe(newKid);
    expect(await other.tokens.verifyAccessToken({ db, token: before })).toEqual(claims);

    // This instance still signs with the key it read; the unknown kid is looked up again after a few seconds.
    expect(decodeProtectedHeader(await signAccessToken({ db, ...claims })).kid).toBe(decodeProtectedHeader(before).kid);
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 6_000);
    expect(await verifyAccessToken({ db, token: fromOther })).toEqual(claims);
    vi.spyOn(Date, "now").mockReturnValue(now + (KEY_CACHE_SECONDS + 7) * 1000);
    expect(decodeProtectedHeader(await signAccessToken({ db, ...claims })).kid).toBe(newKid);
  });
});

describe("npm run keys", () => {
  const connect = getDb;

  it("lists, rotates and prunes", async () => {
    const db = await getDb();
    await db.delete(signingKeys);
    resetSigningKeyCache();
    expect(await runKeysCommand({ args: ["list"], connect })).toEqual({ exitCode: 0, output: "No signing key yet: the first start (or the first token) creates one." });
    await signingKeySet({ db });
    const rotated = await runKeysCommand({ args: ["rotate"], connect });
    expect(rotated.exitCode).toBe(0);
    const newKid = /New signing key (\S+):/.exec(rotated.output)![1]!;
    const listed = await runKeysCommand({ args: ["list"], connect });
    const lines = listed.output.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${newKid}  ES256  created \\S+  current$`));
    expect(lines[1]).toMatch(/ {2}ES256 {2}created \S+ {2}replaced \S+$/);
    expect((await runKeysCommand({ args: ["prune"], connect })).output).toMatch(/^Nothing to drop: .* 2 kept\.$/);
    await ageKeys(retiredKeyLifetimeSeconds() + 10);
    expect((await runKeysCommand({ args: ["prune"], connect })).output).toMatch(/^Dropped 1 key\(s\): \S+\. 1 kept\.$/);
  });

  it.each([[[]], [["rotate", "now"]], [["delete"]]])("answers usage to %j", async (args) => {
    const result = await runKeysCommand({ args, connect });
    expect(result.exitCode).toBe(2);
    expect(result.output).toContain("Usage: npm run keys -- list");
  });
});

it("resets the env cache for the other files", () => resetEnvCache());
