import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { sessions } from "@/db/schema";
import { env } from "@/lib/config/env";
import { issueTokens, type TokenPair } from "./issue-tokens";

interface CreateSessionInput {
  db: Executor;
  userId: string;
  userAgent?: string | null;
  ipAddress?: string | null;
}

/** A new session (the rotation family of its refresh tokens) and its first token pair. */
export async function createSession({ db, userId, userAgent, ipAddress }: CreateSessionInput): Promise<TokenPair> {
  const [session] = await db
    .insert(sessions)
    .values({
      userId,
      userAgent: userAgent?.slice(0, 512) ?? null,
      ipAddress: ipAddress ?? null,
      expiresAt: sql`now() + make_interval(secs => ${env().REFRESH_TOKEN_TTL_SECONDS})`,
    })
    .returning({ id: sessions.id });
  return issueTokens({ db, userId, sessionId: session!.id });
}
