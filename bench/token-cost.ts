// npm run bench:tokens – what an access token costs: sign and verify per operation with the ES256 keys of
// lib/signing-keys (as the app does, keys cached) against the HS256 of before, and the JWKS answer. In-process
// on the embedded database (the key cache means neither sign nor verify touches it after the first call).
import { randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { connectPglite } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { signAccessToken, verifyAccessToken } from "@/lib/sessions/access-token";
import { publicJwks } from "@/lib/signing-keys/signing-keys";

const N = Number(process.env.BENCH_TOKENS ?? 5000);
const claims = { userId: randomUUID(), sessionId: randomUUID() };

async function perOp(label: string, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 200; i++) await run();
  const started = performance.now();
  for (let i = 0; i < N; i++) await run();
  const micros = ((performance.now() - started) * 1000) / N;
  console.log(`${label.padEnd(34)} ${micros.toFixed(1).padStart(8)} µs/op  ${Math.round(1e6 / micros).toLocaleString("en-US").padStart(8)} op/s`);
}

async function main(): Promise<void> {
  const { db, close } = await connectPglite(undefined);
  await migrateDatabase(db);
  const secret = await crypto.subtle.importKey("raw", new TextEncoder().encode("x".repeat(48)), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const hs256 = () =>
    new SignJWT({ sid: claims.sessionId }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(claims.userId).setJti(randomUUID())
      .setIssuer("phone-referrals").setAudience("phone-referrals").setIssuedAt().setExpirationTime("900s").sign(secret);
  const hsToken = await hs256();
  const esToken = await signAccessToken({ db, ...claims });
  console.log(`${N} operations each, one thread (node ${process.version})`);
  await perOp("HS256 sign (before)", hs256);
  await perOp("HS256 verify (before)", () => jwtVerify(hsToken, secret, { algorithms: ["HS256"], issuer: "phone-referrals", audience: "phone-referrals" }));
  await perOp("ES256 sign (signAccessToken)", () => signAccessToken({ db, ...claims }));
  await perOp("ES256 verify (verifyAccessToken)", () => verifyAccessToken({ db, token: esToken }));
  await perOp("JWKS document (publicJwks, 1 key)", () => publicJwks({ db }));
  const body = JSON.stringify(await publicJwks({ db }));
  console.log(`JWKS body: ${Buffer.byteLength(body)} bytes with 1 key; token length HS256 ${hsToken.length}, ES256 ${esToken.length} characters`);
  await close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
