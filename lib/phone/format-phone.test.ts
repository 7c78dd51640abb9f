import { describe, expect, it } from "vitest";
import { formatPhone, withFormattedPhones } from "./format-phone";

describe("formatPhone", () => {
  it.each([
    ["+79991234567", "+7 999 123-45-67"],
    ["+77011234567", "+7 701 123 4567"],
    ["+14155552671", "+1 415 555-2671"],
    ["+442079460958", "+44 20 7946 0958"],
    ["+375291234567", "+375 29 123-45-67"],
    ["+4915123456789", "+49 1512 3456789"],
  ])("writes %s as %s", (e164, shown) => {
    expect(formatPhone(e164)).toBe(shown);
  });

  it("shows what it cannot parse as it is", () => {
    expect(formatPhone("+7")).toBe("+7");
    expect(formatPhone("not a phone")).toBe("not a phone");
  });
});

describe("withFormattedPhones", () => {
  it("rewrites only the phone of each item", () => {
    expect(withFormattedPhones([{ phone: "+79991234567", activatedAt: "2026-01-01T00:00:00.000Z" }])).toEqual([
      { phone: "+7 999 123-45-67", activatedAt: "2026-01-01T00:00:00.000Z" },
    ]);
  });
});
