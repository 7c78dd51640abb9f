import { ApiError } from "@/lib/errors/api-error";

/**
 * A position in a list ordered newest first by (time, id), keyset pagination: the last item's time and id.
 * Used by the invitee pages (activated_at) and the administrators' user list (created_at).
 */
export interface Cursor {
  /** `2026-11-25T10:00:00.123456Z`: exact to the microsecond, so a page never skips rows of the same millisecond. */
  at: string;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const microsPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\d{3}Z$/;

function isValidInstant(value: string): boolean {
  const millis = microsPattern.exec(value)?.[1];
  if (!millis || millis.startsWith("0000")) return false;
  // Round-trips only for real calendar instants (no month 13 or 24:00), which PostgreSQL accepts too.
  const date = new Date(`${millis}Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString() === `${millis}Z`;
}

// The encoder and decoder share one format, so they live together.
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

/** The position a cursor names; anything this API did not hand out is `400 invalid_cursor`, never a database error. */
export function decodeCursor(value: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [at, id] = parsed as unknown[];
    if (typeof at === "string" && typeof id === "string" && uuidPattern.test(id) && isValidInstant(at)) return { at, id };
  }
  throw new ApiError("invalid_cursor", "The cursor is not one this API returned. Start again without a cursor.");
}
