import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { smsOutbox } from "@/db/schema";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { normalizePhone } from "@/lib/phone/normalize-phone";

const OUTBOX_PAGE = 50;

/**
 * The simulated provider's latest messages to one phone, newest first; there is no outbox under a real provider
 * (404, checked before the phone is parsed). `phone` may be in any accepted format. Never lists other numbers:
 * with the simulated provider anyone can read a phone's code, so a list of every phone would hand out every
 * account at once, the administrator's included.
 */
export async function listOutbox({ db, phone: input }: { db: Executor; phone: string }) {
  if (env().SMS_PROVIDER !== "simulated") throw new ApiError("not_found", "There is no simulated outbox: a real SMS provider is configured.");
  const phone = normalizePhone({ phone: input });
  const rows = await db
    .select()
    .from(smsOutbox)
    .where(eq(smsOutbox.phone, phone))
    .orderBy(desc(smsOutbox.sentAt))
    .limit(OUTBOX_PAGE);
  return {
    messages: rows.map((row) => ({ phone: row.phone, text: row.text, code: row.code, sentAt: row.sentAt.toISOString() })),
  };
}
