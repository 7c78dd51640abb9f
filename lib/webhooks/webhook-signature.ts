import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "whsec_";

/** A new signing secret as Standard Webhooks writes it: `whsec_` and 24 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(24).toString("base64")}`;
}

/**
 * The three Standard Webhooks headers of one attempt: `webhook-signature` is `v1,` and the base64 HMAC-SHA256 of
 * `id.timestamp.body`, keyed by the secret's decoded bytes. The id stays the same on every attempt; the timestamp
 * is the attempt's, so receivers can refuse replays of old ones.
 */
export function webhookHeaders({ secret, id, timestamp, body }: { secret: string; id: string; timestamp: Date; body: string }) {
  const seconds = Math.floor(timestamp.getTime() / 1000).toString();
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  const signature = createHmac("sha256", key).update(`${id}.${seconds}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": seconds, "webhook-signature": `v1,${signature}` };
}
