import { z } from "zod";
import { SmsDeliveryError, type SmsMessage, type SmsProvider } from "./sms-provider";

export interface SmsAeroConfig {
  email: string;
  apiKey: string;
  sign: string;
  baseUrl: string;
  timeoutMs: number;
}

const smsAeroAnswer = z.object({
  success: z.boolean(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
});

/**
 * A thin client of the SMS Aero HTTP API v2: `POST {base}/sms/send` with basic auth `email:apiKey`,
 * answered with `{"success": true, "data": {...}}` or `{"success": false, "message": "..."}`.
 */
export function createSmsAeroProvider(config: SmsAeroConfig): SmsProvider {
  const authorization = `Basic ${Buffer.from(`${config.email}:${config.apiKey}`).toString("base64")}`;
  const endpoint = `${config.baseUrl.replace(/\/+$/, "")}/sms/send`;
  return {
    name: "smsaero",
    async send(message: SmsMessage) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { authorization, "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ number: message.phone.replace(/^\+/, ""), text: message.text, sign: config.sign }),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        const reason = (error as Error).name === "TimeoutError" ? `no answer within ${config.timeoutMs} ms` : (error as Error).message;
        throw new SmsDeliveryError(`SMS Aero could not be reached: ${reason}`, { cause: error });
      }
      const answer = smsAeroAnswer.safeParse(await response.json().catch(() => null));
      if (!response.ok || !answer.success || !answer.data.success) {
        const reason = answer.success ? answer.data.message : undefined;
        throw new SmsDeliveryError(`SMS Aero refused the message (HTTP ${response.status}${reason ? `: ${reason}` : ""})`);
      }
    },
  };
}
