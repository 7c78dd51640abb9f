import { count, eq, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { otpCodes, users } from "@/db/schema";

/** Accounts matching a condition (all of them without one). */
export async function countUsers(where?: SQL): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users).where(where);
  return row!.n;
}

export async function accountsWithPhone(phone: string): Promise<number> {
  return countUsers(eq(users.phone, phone));
}

/** The stored one-time codes of a phone (hashes only). */
export async function storedCodes(phone: string) {
  const db = await getDb();
  return db.select().from(otpCodes).where(eq(otpCodes.phone, phone));
}

/** Makes the next getDb() connect from the configuration again, leaving this file's database open. */
export function forgetDatabaseConnection(): void {
  const cache = (globalThis as { __phoneReferralsDb?: { connection?: unknown } }).__phoneReferralsDb;
  if (cache) cache.connection = undefined;
}
