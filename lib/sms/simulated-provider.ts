import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { randomInt } from "node:crypto";
import { getDb } from "@/db";
import { smsOutbox } from "@/db/schema";
import { logger } from "@/lib/log/logger";
import type { SmsMessage, SmsProvider } from "./sms-provider";

/**
 * Development and demo delivery: waits like a real gateway (without blocking other requests), then keeps
 * the message in the outbox served at GET /api/v1/dev/sms. The log line says that a message went out, never its
 * text: the text carries the code, and logs travel further than the outbox.
 */
export function createSimulatedProvider({ delayMs }: { delayMs: { min: number; max: number } }): SmsProvider {
  return {
    name: "simulated",
    async send(message: SmsMessage) {
      const delay = delayMs.max > delayMs.min ? randomInt(delayMs.min, delayMs.max + 1) : delayMs.min;
      if (delay > 0) await sleep(delay);
      const db = await getDb();
      await db.insert(smsOutbox).values({ phone: message.phone, text: message.text, code: message.code });
      logger().info({ smsTo: message.phone, characters: message.text.length }, "simulated SMS sent");
    },
  };
}
