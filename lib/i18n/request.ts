import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import type { Messages } from "next-intl";
import { formats } from "./formats";
import { localeOfRequest } from "./request-locale";

/**
 * next-intl's configuration of each page request, without locale path prefixes: the language is the `locale`
 * cookie (the page's switch), else Accept-Language, else DEFAULT_LOCALE. Times are rendered in UTC on the server;
 * the browser shows them in its own time zone once it has hydrated (see app/date-time.tsx).
 */
export default getRequestConfig(async () => {
  const locale = localeOfRequest(await headers());
  return {
    locale,
    messages: ((await import(`../../messages/${locale}.json`)) as { default: Messages }).default,
    timeZone: "UTC",
    formats,
  };
});
