import { getCountryCallingCode } from "libphonenumber-js/min";
import { describe, expect, it } from "vitest";
import { phoneToSend, typePhone } from "./as-you-type";
import { isPhoneCountry, PHONE_COUNTRIES } from "./phone-countries";

describe("PHONE_COUNTRIES", () => {
  it("holds each country's real calling code", () => {
    for (const [country, code] of Object.entries(PHONE_COUNTRIES)) expect(getCountryCallingCode(country as "RU"), country).toBe(code);
    expect(isPhoneCountry("RU") && !isPhoneCountry("XX") && !isPhoneCountry("toString")).toBe(true);
  });
});

describe("typePhone", () => {
  it.each([
    ["9991234567", "RU", "999 123-45-67"],
    ["8 999 1234567", "RU", "8 (999) 123-45-67"],
    ["7011234567", "KZ", "701 123 4567"],
    ["999", "RU", "999"],
  ] as const)("groups %j for %s as %j", (value, country, text) => {
    expect(typePhone(value, country).text).toBe(text);
  });

  it("follows a number typed with +, and names its country", () => {
    expect(typePhone("+375291234567", "RU")).toEqual({ text: "+375 29 123 45 67", country: "BY" });
    expect(typePhone("+79991234567", "KZ")).toEqual({ text: "+7 999 123 45 67", country: "RU" });
  });
});

describe("phoneToSend", () => {
  it("sends E.164 for the chosen country", () => {
    expect(phoneToSend("999 123-45-67", "RU")).toBe("+79991234567");
    expect(phoneToSend("8 (999) 123-45-67", "RU")).toBe("+79991234567");
    expect(phoneToSend("701 123 4567", "KZ")).toBe("+77011234567");
    expect(phoneToSend("+375 29 123 45 67", "RU")).toBe("+375291234567");
  });

  it("leaves what is not a number as typed, for the API to name the problem", () => {
    expect(phoneToSend(" 12345 ", "RU")).toBe("12345");
    expect(phoneToSend("abc", "RU")).toBe("abc");
  });
});
