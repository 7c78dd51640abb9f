// The practical limit for GET /api/v1/profile on this machine: a bare node:http server with postgres.js that
// does what the route does (verify the ES256 token with the public keys of the signing_keys table, read the live session with its user, read the first page
// of invitees and the invitee count, answer JSON) and nothing else: no framework, no validation layer, no
// logging, no security headers. Started by bench/run.ts with PORT, DATABASE_URL and JWT_SECRET.
import http from "node:http";
import { createLocalJWKSet, type JWK, jwtVerify } from "jose";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => undefined });
const keys = sql<{ kid: string; algorithm: string; public_jwk: JWK }[]>`select kid, algorithm, public_jwk from signing_keys`.then((rows) =>
  createLocalJWKSet({ keys: rows.map((row) => ({ ...row.public_jwk, kid: row.kid, alg: row.algorithm })) }),
);

interface UserRow {
  id: string;
  phone: string;
  invite_code: string;
  activated_invite_code: string | null;
  activated_at: Date | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  avatar_id: string | null;
  is_admin: boolean;
  is_blocked: boolean;
  created_at: Date;
  live: boolean;
}

async function profile(authorization: string | undefined): Promise<{ status: number; body: unknown }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return { status: 401, body: { code: "unauthorized" } };
  let claims: { sub?: string; sid?: unknown };
  try {
    ({ payload: claims } = await jwtVerify(token, await keys, { algorithms: ["ES256"], issuer: "phone-referrals", audience: "phone-referrals" }));
  } catch {
    return { status: 401, body: { code: "invalid_token" } };
  }
  const [user] = await sql<UserRow[]>`
    select u.*, (s.revoked_at is null and s.expires_at > now()) as live
    from sessions s join users u on u.id = s.user_id where s.id = ${String(claims.sid)}`;
  if (!user || !user.live || user.id !== claims.sub || user.is_blocked) return { status: 401, body: { code: "invalid_token" } };
  const [page, [count]] = await Promise.all([
    sql<{ id: string; phone: string; activated_at: Date; position: string }[]>`
      select id, phone, activated_at, to_char(activated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position
      from users where referrer_id = ${user.id} and activated_at is not null
      order by activated_at desc nulls last, id desc nulls last limit 51`,
    sql<{ invitee_count: number }[]>`select invitee_count from users where id = ${user.id}`,
  ]);
  const items = page.slice(0, 50);
  const last = items.at(-1);
  return {
    status: 200,
    body: {
      id: user.id,
      phone: user.phone,
      inviteCode: user.invite_code,
      activatedInviteCode: user.activated_invite_code,
      activatedAt: user.activated_at?.toISOString() ?? null,
      invitees: {
        total: count?.invitee_count ?? 0,
        items: items.map((row) => ({ phone: row.phone, activatedAt: row.activated_at.toISOString() })),
        nextCursor: page.length > 50 && last ? Buffer.from(JSON.stringify([last.position, last.id])).toString("base64url") : null,
      },
      firstName: user.first_name,
      lastName: user.last_name,
      email: user.email,
      avatarUrl: user.avatar_id ? `/api/v1/avatars/${user.avatar_id}` : null,
      isAdmin: user.is_admin,
      createdAt: user.created_at.toISOString(),
    },
  };
}

http
  .createServer((request, response) => {
    profile(request.headers.authorization).then(
      ({ status, body }) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      },
      () => {
        response.writeHead(500).end();
      },
    );
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
