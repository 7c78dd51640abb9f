import "server-only";
import type { Database } from "@/db";
import { listSigningKeys, pruneSigningKeys, retiredKeyLifetimeSeconds, rotateSigningKey } from "./signing-keys";

export const KEYS_USAGE = `Usage: npm run keys -- list
       npm run keys -- rotate
       npm run keys -- prune

list    the access-token signing keys, newest (current) first.
rotate  adds a new key that signs from now on (every instance within a minute); the previous keys stay
        published at /.well-known/jwks.json and keep verifying the tokens they signed.
prune   drops the keys replaced long enough ago that no token they signed is still valid
        (ACCESS_TOKEN_TTL_SECONDS plus two minutes after their replacement).`;

export interface KeysCommandResult {
  /** 0 done, 2 bad arguments. */
  exitCode: 0 | 2;
  output: string;
}

/** `npm run keys -- …` without the process around it. */
export async function runKeysCommand({ args, connect }: { args: string[]; connect: () => Promise<Database> }): Promise<KeysCommandResult> {
  const [action, ...rest] = args;
  if (rest.length > 0 || (action !== "list" && action !== "rotate" && action !== "prune")) return { exitCode: 2, output: KEYS_USAGE };
  const db = await connect();
  if (action === "rotate") {
    const kid = await rotateSigningKey({ db });
    return { exitCode: 0, output: `New signing key ${kid}: it signs from now on; the previous keys still verify until pruned.` };
  }
  if (action === "prune") {
    const pruned = await pruneSigningKeys({ db });
    const kept = (await listSigningKeys({ db })).length;
    const output = pruned.length
      ? `Dropped ${pruned.length} key(s): ${pruned.join(", ")}. ${kept} kept.`
      : `Nothing to drop: every replaced key may still have valid tokens (kept ${retiredKeyLifetimeSeconds()} s after its replacement). ${kept} kept.`;
    return { exitCode: 0, output };
  }
  const keys = await listSigningKeys({ db });
  if (keys.length === 0) return { exitCode: 0, output: "No signing key yet: the first start (or the first token) creates one." };
  const lines = keys.map((key) =>
    [key.kid, key.algorithm, `created ${key.createdAt.toISOString()}`, key.current ? "current" : `replaced ${key.replacedAt!.toISOString()}`].join("  "),
  );
  return { exitCode: 0, output: lines.join("\n") };
}
