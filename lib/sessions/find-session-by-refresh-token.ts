import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { refreshTokens } from "@/db/schema";
import { hashRefreshToken } from "./refresh-token";

export async function findSessionByRefreshToken({ db, refreshToken }: { db: Executor; refreshToken: string }): Promise<string | undefined> {
  const [row] = await db
    .select({ sessionId: refreshTokens.sessionId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashRefreshToken(refreshToken)));
  return row?.sessionId;
}
