import { describe, expect, it } from "vitest";
import { smsLength, smsText } from "./sms-text";

const base = { code: "4209", ttlSeconds: 300, hostname: "localhost" } as const;

describe("smsText", () => {
  it("writes the sign-in code in English, ending with the WebOTP line", () => {
    expect(smsText({ ...base, locale: "en", purpose: "sign_in" })).toBe("Your sign-in code: 4209. Valid for 5 min. Do not share it.\n@localhost #4209");
  });

  it("writes it in Russian", () => {
    expect(smsText({ ...base, locale: "ru", purpose: "sign_in" })).toBe("Код для входа: 4209. Никому не сообщайте.\n@localhost #4209");
  });

  it("names a phone change as such", () => {
    expect(smsText({ ...base, locale: "en", purpose: "phone_change" })).toMatch(/^Your code to confirm this number: 4209\. /);
    expect(smsText({ ...base, locale: "ru", purpose: "phone_change", hostname: "ref.example" })).toMatch(/^Код для смены номера: 4209\. Никому не сообщайте\.\n@ref\.example #4209$/);
  });

  it.each([
    ["localhost", 8],
    ["referrals.example.com", 8],
    // The longest host that leaves room for the shortest Russian text with the longest code (OTP_LENGTH=8).
    ["sign-in.referrals-service.example.com", 8],
  ])("fits one segment in both languages for %j and %d-digit codes", (hostname, digits) => {
    const code = "1234567890".slice(0, digits);
    for (const locale of ["en", "ru"] as const) {
      for (const purpose of ["sign_in", "phone_change"] as const) {
        const text = smsText({ locale, purpose, code, ttlSeconds: 3600, hostname });
        const { length, limit } = smsLength(text);
        expect(length, text).toBeLessThanOrEqual(limit);
        expect(limit).toBe(locale === "ru" ? 70 : 160);
        expect(text.split("\n").at(-1)).toBe(`@${hostname} #${code}`);
        expect(text).toContain(code);
      }
    }
  });

  it("shortens the Russian text when a long host would not leave room for it", () => {
    expect(smsText({ ...base, locale: "ru", purpose: "sign_in", hostname: "referrals.example.com" })).toBe(
      "Код для входа: 4209. Никому не сообщайте.\n@referrals.example.com #4209",
    );
    expect(smsText({ ...base, locale: "ru", purpose: "phone_change", hostname: "referrals.example.com" })).toBe(
      "Код: 4209. Никому не сообщайте.\n@referrals.example.com #4209",
    );
    expect(smsText({ ...base, locale: "ru", purpose: "sign_in", hostname: "a-rather-long-subdomain.referrals-service.example.com" })).toBe(
      "Код: 4209\n@a-rather-long-subdomain.referrals-service.example.com #4209",
    );
  });
});

describe("smsLength", () => {
  it("counts GSM characters, two for the extension table", () => {
    expect(smsLength("Code: 1234")).toEqual({ length: 10, limit: 160 });
    expect(smsLength("a{b}")).toEqual({ length: 6, limit: 160 });
  });

  it("switches to UCS-2 for any other character", () => {
    expect(smsLength("Код: 1234")).toEqual({ length: 9, limit: 70 });
    expect(smsLength("Code 😀")).toEqual({ length: 6, limit: 70 });
  });
});
