import type { Messages } from "next-intl";
import { createTranslator } from "use-intl/core";
import type { OtpPurpose } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

const messages: Record<Locale, Messages> = { en, ru };

/** Every character of the GSM 7-bit default alphabet; the extension table's characters cost two. */
const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

/** How many characters one SMS segment holds for this text: 160 in the GSM alphabet, 70 in UCS-2 (Cyrillic). */
export function smsLength(text: string): { length: number; limit: number } {
  let gsmLength = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) gsmLength += 1;
    else if (GSM_EXTENSION.includes(char)) gsmLength += 2;
    else return { length: [...text].length, limit: 70 };
  }
  return { length: gsmLength, limit: 160 };
}

interface SmsTextInput {
  locale: Locale;
  purpose: OtpPurpose;
  code: string;
  ttlSeconds: number;
  /** Where the code is to be entered, for the WebOTP line (`@referrals.example.com #1234`). */
  hostname: string;
}

/**
 * The text of a code SMS in the language of the request that asked for it, in one segment (160 GSM characters, 70
 * in Cyrillic): the fullest wording that fits (what the code is for, with the English one saying how long it is
 * valid, and a warning not to share it), else a shorter one. The last line is
 * the origin-bound one-time code `@host #code`, so that browsers offer to fill the code in on that site only.
 */
export function smsText({ locale, purpose, code, ttlSeconds, hostname }: SmsTextInput): string {
  const t = createTranslator({ locale, messages: messages[locale], namespace: "Sms" });
  const minutes = Math.max(1, Math.round(ttlSeconds / 60));
  const webOtpLine = `@${hostname} #${code}`;
  const wordings = [purpose === "phone_change" ? t("phoneChange", { code, minutes }) : t("signIn", { code, minutes }), t("noShare", { code }), t("short", { code })];
  const texts = wordings.map((wording) => `${wording}\n${webOtpLine}`);
  return texts.find((text) => {
    const { length, limit } = smsLength(text);
    return length <= limit;
  }) ?? texts.at(-1)!;
}
