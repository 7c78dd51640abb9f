import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type User, users } from "@/db/schema";
import { ApiError } from "@/lib/http/api-error";
import { type OtpRequestResult, requestOtp } from "@/lib/otp/request-otp";

interface RequestPhoneChangeInput {
  db: Database;
  user: User;
  /** E.164, already normalised. */
  phone: string;
  clientAddress: string;
}

/**
 * Sends a code to the new number, under the same limits as a sign-in code. The code is the user's own
 * (subject = user id), so two users asking for the same free number do not replace each other's codes.
 */
export async function requestPhoneChange({ db, user, phone, clientAddress }: RequestPhoneChangeInput): Promise<OtpRequestResult> {
  if (phone === user.phone) throw new ApiError("phone_taken", "This is already your phone number.");
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  if (owner) throw new ApiError("phone_taken", "Another account uses this phone number.");
  return requestOtp({ db, purpose: "phone_change", phone, subject: user.id, clientAddress });
}
