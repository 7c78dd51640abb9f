import { describe, expect, it } from "vitest";
import { isLocale, localeFromAcceptLanguage, OTHER_LOCALE, resolveLocale } from "./locales";

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"],
    ["en-GB,en;q=0.9", "en"],
    ["de-DE,de;q=0.9,ru;q=0.8,en;q=0.5", "ru"],
    ["en;q=0.3, ru;q=0.7", "ru"],
    ["RU", "ru"],
    ["fr, en;q=0, ru;q=0.1", "ru"],
  ])("%j is %j", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it.each([null, undefined, "", "*", "de, fr;q=0.5", "ru;q=0", "ru;q=abc"])("%j decides nothing", (header) => {
    expect(localeFromAcceptLanguage(header)).toBeUndefined();
  });

  it("keeps the header's order among equal qualities", () => {
    expect(localeFromAcceptLanguage("en, ru")).toBe("en");
    expect(localeFromAcceptLanguage("ru, en")).toBe("ru");
  });
});

describe("resolveLocale", () => {
  it("takes the cookie first, then Accept-Language, then the default", () => {
    expect(resolveLocale({ cookie: "ru", acceptLanguage: "en", defaultLocale: "en" })).toBe("ru");
    expect(resolveLocale({ cookie: undefined, acceptLanguage: "ru-RU", defaultLocale: "en" })).toBe("ru");
    expect(resolveLocale({ cookie: undefined, acceptLanguage: "de", defaultLocale: "ru" })).toBe("ru");
    expect(resolveLocale({ defaultLocale: "en" })).toBe("en");
  });

  it("ignores a cookie that names no language of the pages", () => {
    expect(resolveLocale({ cookie: "de", acceptLanguage: "ru", defaultLocale: "en" })).toBe("ru");
    expect(resolveLocale({ cookie: "", acceptLanguage: null, defaultLocale: "en" })).toBe("en");
  });
});

describe("the switch", () => {
  it("offers the other language, named in itself", () => {
    expect(OTHER_LOCALE.en).toEqual({ locale: "ru", name: "Русский" });
    expect(OTHER_LOCALE.ru).toEqual({ locale: "en", name: "English" });
    expect(isLocale("ru") && isLocale("en") && !isLocale("EN") && !isLocale(1)).toBe(true);
  });
});
