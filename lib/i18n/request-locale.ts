import { env } from "@/lib/config/env";
import { readCookie } from "@/lib/sessions/session-cookies";
import { LOCALE_COOKIE, type Locale, resolveLocale } from "./locales";

/** The language of a request: the `locale` cookie, else `Accept-Language`, else DEFAULT_LOCALE. */
export function localeOfRequest(headers: Headers): Locale {
  return resolveLocale({
    cookie: readCookie(headers, LOCALE_COOKIE),
    acceptLanguage: headers.get("accept-language"),
    defaultLocale: env().DEFAULT_LOCALE,
  });
}
