import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors/api-error";
import { normalizePhone } from "./normalize-phone";

describe("normalizePhone", () => {
  it.each([
    ["+79991234567", "+79991234567"],
    ["8 (999) 123-45-67", "+79991234567"],
    ["+7 999 123 45 67", "+79991234567"],
    ["8-999-123-45-67", "+79991234567"],
    ["9991234567", "+79991234567"],
    ["  +7 (999) 123-45-67  ", "+79991234567"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalizePhone({ phone: input })).toBe(expected);
  });

  it("reads national formats of another region when asked", () => {
    expect(normalizePhone({ phone: "020 7946 0958", region: "GB" })).toBe("+442079460958");
    expect(normalizePhone({ phone: "(201) 555-0123", region: "US" })).toBe("+12015550123");
  });

  it.each([
    "",
    "   ",
    "phone",
    "+",
    "++79991234567x",
    "+7 999 123",
    "+7 999 123 45 67 89",
    "+7 000 000 00 00",
    "+999 123 456 789",
    "8 (800)",
    "1".repeat(40),
    "+7 999 123 45 67 ".repeat(3),
  ])("refuses %j as invalid_phone", (input) => {
    let thrown: unknown;
    try {
      normalizePhone({ phone: input });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ code: "invalid_phone", status: 400, message: `"${input.trim().slice(0, 32)}" is not a valid phone number.` });
  });
});
