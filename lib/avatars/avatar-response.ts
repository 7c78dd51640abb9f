import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { avatars } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";

// An avatar never changes under its id (a new upload gets a new id), so caches may keep it for a year.
const CACHE_CONTROL = "public, max-age=31536000, immutable";

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value === etag || value === `W/${etag}`;
  });
}

/**
 * The image stored under an id (canonical: lower-cased by the route's `idParams`), with long-lived caching headers;
 * `304` when the client's copy is current.
 */
export async function avatarResponse({ db, id, request }: { db: Database; id: string; request: Request }): Promise<Response> {
  const [avatar] = await db
    .select({ contentType: avatars.contentType, data: avatars.data })
    .from(avatars)
    .where(eq(avatars.id, id));
  if (!avatar) throw new ApiError("not_found", "There is no avatar with this id.");
  const etag = `"${id}"`;
  const headers = new Headers({
    "cache-control": CACHE_CONTROL,
    etag,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
  });
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  headers.set("content-type", avatar.contentType);
  headers.set("content-length", String(avatar.data.byteLength));
  return new Response(new Uint8Array(avatar.data), { status: 200, headers });
}
