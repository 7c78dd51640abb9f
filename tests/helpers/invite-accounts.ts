import { expect } from "vitest";
import { getDb } from "@/db";
import { createSession } from "@/lib/sessions/create-session";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { api } from "./api";
import { uniquePhone } from "./flows";
import { extensionMembers } from "./problems";

export interface TestAccount {
  id: string;
  phone: string;
  inviteCode: string;
  token: string;
}

/**
 * An account with a live session, made the way a first sign-in makes it (same functions) but without the SMS
 * round trip, so tests can create dozens without meeting the per-address code limits.
 */
export async function createAccount(phone = uniquePhone()): Promise<TestAccount> {
  const db = await getDb();
  const { user } = await db.transaction((tx) => findOrCreateUser({ tx, phone }));
  const tokens = await createSession({ db, userId: user.id });
  return { id: user.id, phone: user.phone, inviteCode: user.inviteCode, token: tokens.accessToken };
}

export async function createAccounts(count: number): Promise<TestAccount[]> {
  const accounts: TestAccount[] = [];
  for (let i = 0; i < count; i++) accounts.push(await createAccount());
  return accounts;
}

/** POST /api/v1/profile/invite-code as `account`. */
export function activate(account: TestAccount, code: string) {
  return api.post("/api/v1/profile/invite-code", { code }, { token: account.token });
}

/** The whole problem+json body the API answers for an error code (requestId varies). */
export function problem(code: string, status: number, title: string, detail: string) {
  return {
    ...extensionMembers[code],
    type: `https://phone-referrals.dev/problems/${code.replaceAll("_", "-")}`,
    title,
    status,
    detail,
    code,
    requestId: expect.any(String),
  };
}
