/** The pages' languages; English first: the default when nothing else decides. */
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

/** Set by the language switch; remembered for a year. */
export const LOCALE_COOKIE = "locale";
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language the switch offers on a page in `locale`, with its name written in that language. */
export const OTHER_LOCALE: Record<Locale, { locale: Locale; name: string }> = {
  en: { locale: "ru", name: "Русский" },
  ru: { locale: "en", name: "English" },
};

/**
 * The first language of an `Accept-Language` header that the pages speak, by quality (`ru-RU;q=0.9, en;q=0.8`).
 * Regions count as their language (`ru-RU` is `ru`); `*` and `q=0` choose nothing.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => /^\s*q\s*=\s*(.*?)\s*$/i.exec(param)?.[1]).find((value) => value !== undefined);
      // A quality that is not a number counts as 0: the range is not wanted.
      const quality = q === undefined ? 1 : /^[0-9.]+$/.test(q) ? Number(q) : 0;
      return { language: tag.trim().toLowerCase().split("-")[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((range) => range.language).find(isLocale);
}

/** The `locale` cookie if it names a language of the pages, else `Accept-Language`, else the configured default. */
export function resolveLocale({
  cookie,
  acceptLanguage,
  defaultLocale,
}: {
  cookie?: string | null;
  acceptLanguage?: string | null;
  defaultLocale: Locale;
}): Locale {
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? defaultLocale;
}

