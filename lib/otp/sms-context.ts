import { publicHostname } from "@/lib/http/public-origin";
import type { Locale } from "@/lib/i18n/locales";
import { localeOfRequest } from "@/lib/i18n/request-locale";

/** What a code SMS needs to know about the request that asked for it. */
export interface SmsContext {
  /** The language of the asking page or client (`locale` cookie, else Accept-Language, else DEFAULT_LOCALE). */
  locale: Locale;
  /** For the WebOTP line `@host #code`. */
  hostname: string;
}

export function smsContextOf(request: Request): SmsContext {
  return { locale: localeOfRequest(request.headers), hostname: publicHostname(request) };
}
