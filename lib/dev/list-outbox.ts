import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { smsOutbox } from "@/db/schema";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/http/api-error";
import { normalizePhone } from "@/lib/phone/normalize-phone";

const OUTBOX_PAGE = 50;

/**
 * The simulated provider's latest messages, newest first; there is no outbox under a real provider (404,
 * checked before the phone so that no input answers otherwise). `phone` may be in any accepted format.
 */
export async function listOutbox({ db, phone: input }: { db: Executor; phone?: string }) {
  if (env().SMS_PROVIDER !== "simulated") throw new ApiError("not_found", "There is no simulated outbox: a real SMS provider is configured.");
  const phone = input ? normalizePhone({ phone: input }) : undefined;
  const rows = await db
    .select()
    .from(smsOutbox)
    .where(phone ? eq(smsOutbox.phone, phone) : undefined)
    .orderBy(desc(smsOutbox.sentAt))
    .limit(OUTBOX_PAGE);
  return {
    messages: rows.map((row) => ({ phone: row.phone, text: row.text, code: row.code, sentAt: row.sentAt.toISOString() })),
  };
}
