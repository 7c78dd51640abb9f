import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { type User, users } from "@/db/schema";

export async function findUserById({ db, id }: { db: Executor; id: string }): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}
