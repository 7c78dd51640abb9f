import { randomUUID } from "node:crypto";
import { and, desc, exists, gt, lt, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Executor } from "@/db";
import { signingKeys } from "@/db/schema";
import { env } from "@/lib/config/env";
import { decryptPrivateJwk, encryptPrivateJwk } from "./key-encryption";

export const SIGNING_ALGORITHM = "ES256";
/** How long a process keeps the keys it read: within this time after a rotation, every instance signs with the new key. */
export const KEY_CACHE_SECONDS = 60;
/** An unknown `kid` reads the keys again (another instance may have rotated), at most this often. */
const UNKNOWN_KID_RELOAD_SECONDS = 5;
/** Clocks of the instances and of the verifiers may disagree by this much. */
const CLOCK_SKEW_SECONDS = 60;
// An arbitrary but fixed key, as db/migrate.ts's: instances that start at once create one first key, not several.
const SIGNING_KEY_LOCK = 727_274_015;

export interface SigningKeySet {
  /** The newest key: it signs. */
  current: { kid: string; privateKey: CryptoKey };
  /** Every stored key's public part, by kid: they verify. */
  publicKeys: Map<string, CryptoKey>;
}

/** The keys last read (and when), and the read through the pool in flight. */
interface KeyCache {
  keys?: SigningKeySet;
  loadedAt: number;
  reading?: Promise<SigningKeySet>;
  /** Counts resets: a read that started before one does not store what it read. */
  generation: number;
}
// One per process, on globalThis: Next.js gives instrumentation.ts and the route handlers their own copies of
// this module, and the keys read at start-up must serve them all.
const holder = globalThis as { __phoneReferralsSigningKeys?: KeyCache };
const cache = (holder.__phoneReferralsSigningKeys ??= { loadedAt: 0, generation: 0 });

/** Forgets the keys this process read, so the next use reads them again (tests, and after a rotation). */
export function resetSigningKeyCache(): void {
  cache.keys = undefined;
  cache.loadedAt = 0;
  cache.reading = undefined;
  cache.generation += 1;
}

async function newKeyRow() {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const publicJwk = (await exportJWK(publicKey)) as Record<string, string>;
  return { kid, algorithm: SIGNING_ALGORITHM, publicJwk, privateJwkEncrypted: encryptPrivateJwk({ kid, jwk: await exportJWK(privateKey) }) };
}

/** Under a transaction-scoped advisory lock, so that instances starting at once (or a rotation meanwhile) take turns. */
async function withKeyLock<T>(db: Executor, run: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SIGNING_KEY_LOCK})`);
    return run(tx);
  });
}

/** Creates the first signing key unless there is one; instances that start together create one between them. */
export async function ensureSigningKey({ db }: { db: Executor }): Promise<void> {
  await withKeyLock(db, async (tx) => {
    const [existing] = await tx.select({ kid: signingKeys.kid }).from(signingKeys).limit(1);
    if (!existing) await tx.insert(signingKeys).values(await newKeyRow());
  });
}

/** A new key that signs from now on (within KEY_CACHE_SECONDS on every instance); the previous ones still verify. */
export async function rotateSigningKey({ db }: { db: Executor }): Promise<string> {
  const kid = await withKeyLock(db, async (tx) => {
    const row = await newKeyRow();
    await tx.insert(signingKeys).values(row);
    return row.kid;
  });
  resetSigningKeyCache();
  return kid;
}

/**
 * Seconds after a key stopped being the newest until no token it signed can still be valid: instances may sign
 * with it for KEY_CACHE_SECONDS more, its tokens live ACCESS_TOKEN_TTL_SECONDS, and clocks differ.
 */
export function retiredKeyLifetimeSeconds(): number {
  return KEY_CACHE_SECONDS + env().ACCESS_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS;
}

/** Drops the keys that were replaced long enough ago that no token they signed is still valid; their kids. */
export async function pruneSigningKeys({ db }: { db: Executor }): Promise<string[]> {
  const newer = alias(signingKeys, "newer");
  const deleted = await withKeyLock(db, (tx) =>
    tx
      .delete(signingKeys)
      .where(
        exists(
          tx
            .select({ kid: newer.kid })
            .from(newer)
            .where(
              and(
                ne(newer.kid, signingKeys.kid),
                gt(newer.createdAt, signingKeys.createdAt),
                lt(newer.createdAt, sql`now() - make_interval(secs => ${retiredKeyLifetimeSeconds()})`),
              ),
            ),
        ),
      )
      .returning({ kid: signingKeys.kid }),
  );
  resetSigningKeyCache();
  return deleted.map((row) => row.kid);
}

export interface StoredKeyInfo {
  kid: string;
  algorithm: string;
  createdAt: Date;
  current: boolean;
  /** When the key stopped signing (the next key's creation), or null for the current key. */
  replacedAt: Date | null;
}

/** The stored keys, newest first. */
export async function listSigningKeys({ db }: { db: Executor }): Promise<StoredKeyInfo[]> {
  const rows = await db
    .select({ kid: signingKeys.kid, algorithm: signingKeys.algorithm, createdAt: signingKeys.createdAt })
    .from(signingKeys)
    .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
  return rows.map((row, index) => ({ ...row, current: index === 0, replacedAt: index === 0 ? null : rows[index - 1]!.createdAt }));
}

/** The public keys as a JSON Web Key Set: `kid`, `alg`, `use` and the public members, never `d`. */
export async function publicJwks({ db }: { db: Executor }): Promise<{ keys: JWK[] }> {
  await signingKeySet({ db });
  const rows = await db
    .select({ kid: signingKeys.kid, algorithm: signingKeys.algorithm, publicJwk: signingKeys.publicJwk })
    .from(signingKeys)
    .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
  return { keys: rows.map((row) => ({ kty: row.publicJwk.kty, crv: row.publicJwk.crv, x: row.publicJwk.x, y: row.publicJwk.y, kid: row.kid, alg: row.algorithm, use: "sig" })) };
}

async function loadKeySet(db: Executor): Promise<SigningKeySet> {
  const read = () => db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
  let rows = await read();
  if (rows.length === 0) {
    await ensureSigningKey({ db });
    rows = await read();
  }
  const newest = rows[0]!;
  const privateKey = (await importJWK(decryptPrivateJwk({ kid: newest.kid, encrypted: newest.privateJwkEncrypted }), SIGNING_ALGORITHM)) as CryptoKey;
  const publicKeys = new Map<string, CryptoKey>();
  for (const row of rows) {
    if (row.algorithm !== SIGNING_ALGORITHM) continue;
    publicKeys.set(row.kid, (await importJWK(row.publicJwk, SIGNING_ALGORITHM)) as CryptoKey);
  }
  return { current: { kid: newest.kid, privateKey }, publicKeys };
}

async function readKeys(db: Executor): Promise<SigningKeySet> {
  const generation = cache.generation;
  const keys = await loadKeySet(db);
  if (generation === cache.generation) {
    cache.keys = keys;
    cache.loadedAt = Date.now();
  }
  return keys;
}

/** A drizzle transaction (it can roll back); the database itself cannot. */
function isTransaction(db: Executor): boolean {
  return typeof (db as { rollback?: unknown }).rollback === "function";
}

/**
 * One read at a time through the pool, shared by every caller outside a transaction: they hold no connection
 * while they wait, and a flood of tokens with unknown kids costs one read, not one each.
 */
function readThroughPool(db: Executor): Promise<SigningKeySet> {
  if (!cache.reading) {
    const reading = readKeys(db).finally(() => {
      if (cache.reading === reading) cache.reading = undefined;
    });
    cache.reading = reading;
  }
  return cache.reading;
}

/** Reads the keys again with the pool, now (start-server's timer, every KEY_CACHE_SECONDS / 2). */
export async function refreshSigningKeys({ db }: { db: Executor }): Promise<void> {
  await readThroughPool(db);
}

/**
 * The keys, read at most every `maxAgeSeconds` per process (the first read creates a key when there is none).
 *
 * A caller inside a transaction never waits for a read on another connection than its own. It holds a pooled
 * connection: had it waited for a read through the pool, then with every connection held by such callers none
 * would be left for the read, and none would ever go on. That hung sign-ins behind PgBouncer
 * (tests/faults/pgbouncer.test.ts). So such a caller that must have keys (none read yet, or `mustBeFresh` for an
 * unknown kid) reads them on its own transaction, and keys past their age are answered to it as they are. Callers
 * outside transactions share one read through the pool, and refresh keys past their age in the background
 * (start-server's timer does too, for instances that only sign).
 */
export async function signingKeySet({ db, maxAgeSeconds = KEY_CACHE_SECONDS, mustBeFresh = false }: { db: Executor; maxAgeSeconds?: number; mustBeFresh?: boolean }): Promise<SigningKeySet> {
  const { keys } = cache;
  if (keys && Date.now() - cache.loadedAt < maxAgeSeconds * 1000) return keys;
  const usable = keys && !mustBeFresh ? keys : undefined;
  if (isTransaction(db)) return usable ?? readKeys(db);
  const reading = readThroughPool(db);
  if (!usable) return reading;
  // A failed refresh leaves these keys; the next caller tries again.
  reading.catch(() => undefined);
  return usable;
}

/** The public key of `kid`, reading the keys again when it is unknown (at most every few seconds); undefined if none. */
export async function verificationKey({ db, kid }: { db: Executor; kid: string }): Promise<CryptoKey | undefined> {
  const known = (await signingKeySet({ db })).publicKeys.get(kid);
  if (known) return known;
  return (await signingKeySet({ db, maxAgeSeconds: UNKNOWN_KID_RELOAD_SECONDS, mustBeFresh: true })).publicKeys.get(kid);
}

