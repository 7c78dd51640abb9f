import "server-only";
import type { Executor } from "@/db";
import { refreshTokens } from "@/db/schema";
import { env } from "@/lib/config/env";
import { signAccessToken } from "./access-token";
import { generateRefreshToken, hashRefreshToken } from "./refresh-token";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: "Bearer";
  expiresIn: number;
}

/** A fresh access token and the session's next refresh token. */
export async function issueTokens({ db, userId, sessionId }: { db: Executor; userId: string; sessionId: string }): Promise<TokenPair> {
  const refreshToken = generateRefreshToken();
  await db.insert(refreshTokens).values({ tokenHash: hashRefreshToken(refreshToken), sessionId });
  return {
    accessToken: await signAccessToken({ db, userId, sessionId }),
    refreshToken,
    tokenType: "Bearer",
    expiresIn: env().ACCESS_TOKEN_TTL_SECONDS,
  };
}
