import "server-only";
import { env } from "@/lib/config/env";
import { createSimulatedProvider } from "./simulated-provider";
import type { SmsProvider } from "./sms-provider";
import { createSmsAeroProvider } from "./smsaero-provider";

let override: SmsProvider | undefined;

/** The provider chosen by SMS_PROVIDER. */
export function getSmsProvider(): SmsProvider {
  if (override) return override;
  const config = env();
  if (config.SMS_PROVIDER === "smsaero") {
    return createSmsAeroProvider({
      email: config.SMSAERO_EMAIL ?? "",
      apiKey: config.SMSAERO_API_KEY ?? "",
      sign: config.SMSAERO_SIGN,
      baseUrl: config.SMSAERO_BASE_URL,
      timeoutMs: config.SMSAERO_TIMEOUT_MS,
    });
  }
  return createSimulatedProvider({ delayMs: config.SMS_SIMULATED_DELAY_MS });
}

/** Tests swap in a provider that fails or records. */
export function setSmsProviderForTests(provider: SmsProvider | undefined): void {
  override = provider;
}
