// What the bench's requests name: sessions and access tokens made directly in the seeded database (a sign-in
// each would only measure the SMS limits), invite codes to activate, a cursor deep into the owner's invitees.
import type postgres from "postgres";
import { encodeCursor } from "../lib/pagination/cursor";
import { signAccessToken } from "../lib/sessions/access-token";
import { benchDb } from "./bench-db";
import { CHAINS, CHAIN_DEPTH, FIRST_CHAIN_USER, seedPhone } from "./seed";

export const PROFILE_USERS = 1_000;
export const ACTIVATIONS_SATURATING = 3_000;
export const ACTIVATIONS_ONE_BY_ONE = 500;
export const DEEP_ACTIVATIONS = 300;

export interface Fixtures {
  ownerToken: string;
  profileTokens: string[];
  /** Accounts nobody has invited yet that have not activated a code: most activations look like this. */
  newAccountTokens: string[];
  /** Accounts that have not activated a code but have invitees, so activation must walk the owner's chain. */
  inviterTokens: string[];
  chainEndCodes: string[];
  deepCursor: string;
}

export async function makeFixtures(sql: postgres.Sql, log: (line: string) => void): Promise<Fixtures> {
  await sql`delete from sessions`;
  await sql`delete from rate_limits`;
  await sql`delete from otp_codes`;
  await sql`delete from sms_outbox`;
  const sessionsFor = async (where: postgres.PendingQuery<postgres.Row[]>) => {
    const rows = await sql<{ id: string; user_id: string }[]>`
      insert into sessions (user_id, expires_at) select id, now() + interval '1 day' from users where ${where} returning id, user_id`;
    const db = benchDb(sql);
    return Promise.all(rows.map((row) => signAccessToken({ db, userId: row.user_id, sessionId: row.id })));
  };
  const [ownerToken] = await sessionsFor(sql`phone = ${seedPhone(1)}`);
  // Users across the spread part of the graph, most with a few invitees.
  const profileTokens = await sessionsFor(sql`phone in ${sql(Array.from({ length: PROFILE_USERS }, (_, i) => seedPhone(200_003 + i * 797)))}`);
  const notActivated = sql`activated_invite_code is null and not is_admin`;
  const newAccountTokens = await sessionsFor(
    sql`id in (select id from users where ${notActivated} and invitee_count = 0 order by created_at desc limit ${ACTIVATIONS_SATURATING + ACTIVATIONS_ONE_BY_ONE})`,
  );
  const inviterTokens = await sessionsFor(sql`id in (select id from users where ${notActivated} and invitee_count > 0 order by created_at desc limit ${DEEP_ACTIVATIONS})`);
  const chainEnds = await sql<{ invite_code: string }[]>`
    select invite_code from users where phone in ${sql(Array.from({ length: CHAINS }, (_, c) => seedPhone(FIRST_CHAIN_USER + c * CHAIN_DEPTH + CHAIN_DEPTH - 1)))}`;
  const [deep] = await sql<{ position: string; id: string }[]>`
    select to_char(activated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position, id from users
    where referrer_id = (select id from users where phone = ${seedPhone(1)})
    order by activated_at desc, id desc offset 90000 limit 1`;
  log(`sessions: ${profileTokens.length} profiles, ${newAccountTokens.length} new accounts, ${inviterTokens.length} accounts with invitees; ${chainEnds.length} chain ends`);
  return {
    ownerToken: ownerToken!,
    profileTokens,
    newAccountTokens,
    inviterTokens,
    chainEndCodes: chainEnds.map((row) => row.invite_code),
    deepCursor: encodeCursor({ at: deep!.position, id: deep!.id }),
  };
}
