import { describe, expect, it } from "vitest";
import { codeFromInput } from "./code-from-input";

describe("codeFromInput", () => {
  it.each([
    ["4209", "4209"],
    [" 42 09 ", "4209"],
    ["42-09", "4209"],
    ["4 2 0 9", "4209"],
    ["42", "42"],
    ["420912", "4209"],
    ["", ""],
    ["abc", ""],
  ])("keeps %j as %j", (value, code) => {
    expect(codeFromInput(value, 4)).toBe(code);
  });

  it.each([
    "Your sign-in code: 4209. Valid for 5 min. Do not share it.\n@localhost #4209",
    "Код для входа: 4209. Никому не сообщайте.\n@referrals.example.com #4209",
    "Код: 4209\n@127.0.0.1 #4209",
    "Your sign-in code: 4209. It is valid for 5 min. Do not share it.",
  ])("takes the code out of the whole SMS %j", (sms) => {
    expect(codeFromInput(sms, 4)).toBe("4209");
  });

  it("reads the WebOTP line of a message whose text has other numbers first", () => {
    expect(codeFromInput("Order 12345678 ready. 2 min.\n@shop.example #123456", 6)).toBe("123456");
  });
});
