import { formatPhone } from "../lib/phone/format-phone";
import { expect, test, uniquePhone } from "./fixtures";
import { OTP_RESEND_SECONDS } from "./support/settings";

test.describe("sign-in", () => {
  test("signing up shows the phone and a new invite code", async ({ login, profile }) => {
    const phone = uniquePhone();
    await login.goto();
    await login.signInAs(phone);
    await expect(profile.heading).toBeVisible();
    await expect(profile.fact("Phone")).toHaveText(formatPhone(phone));
    await profile.inviteCode();
    await expect(profile.inviteCodeInput).toBeVisible();
    await expect(profile.invitedUsersSection).toContainText("Nobody has activated your invite code yet");
  });

  test("the phone may be typed in the national format, with the keyboard alone", async ({ page, login, profile }) => {
    const digits = String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0");
    await login.goto();
    await login.phone.focus();
    await page.keyboard.type(`8 (999) ${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`);
    await page.keyboard.press("Enter");
    await expect(login.code).toBeFocused();
    await page.keyboard.type(await login.simulatedCode());
    await page.keyboard.press("Enter");
    await expect(profile.fact("Phone")).toHaveText(formatPhone(`+7999${digits}`));
  });

  test("an impossible phone number is explained next to the field", async ({ login }) => {
    await login.goto();
    await login.phone.fill("12345");
    await login.getCode.click();
    await expect(login.alert).toHaveText(/does not look like a phone number/);
    await expect(login.phone).toHaveAttribute("aria-invalid", "true");
  });

  test("a wrong code is refused; after the last try Sign in waits for a new code, with the countdown", async ({ page, login }) => {
    await login.goto();
    await login.requestCode(uniquePhone());
    const code = await login.simulatedCode();
    const wrong = code === "0000" ? "1111" : "0000";
    await login.enterCode(wrong);
    await expect(login.alert).toHaveText("The code is wrong. 2 tries left.");
    await login.enterCode(wrong);
    await expect(login.alert).toHaveText("The code is wrong. 1 try left.");
    await login.enterCode(wrong);
    await expect(login.alert).toHaveText("The code is wrong. Request a new code.");
    // No instruction that cannot be followed: Sign in is off, and the page says when a new code can be asked for.
    await expect(page.getByText(/^That was the last try for this code\. Ask for a new code (in \d s|now)\.$/)).toBeVisible();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await login.enterCode(code);
    await expect(login.signIn).toBeDisabled();
    expect(requests.filter((url) => url.endsWith("/api/v1/auth/verify"))).toEqual([]);
    await expect(page.getByText("That was the last try for this code. Ask for a new code now.")).toBeVisible({ timeout: (OTP_RESEND_SECONDS + 2) * 1000 });
    await login.resend.click();
    await expect(login.signIn).toBeDisabled();
    const fresh = await login.simulatedCode();
    await login.enterCode(fresh);
    await expect(page).toHaveURL(/\/profile$/);
  });

  test("the resend countdown follows resendIn, and the new code replaces the old one", async ({ page, login }) => {
    await login.goto();
    await login.requestCode(uniquePhone());
    const first = await login.simulatedCode();
    await expect(login.resend).toBeDisabled();
    await expect(page.getByText(`You can ask for a new code in ${OTP_RESEND_SECONDS} s.`)).toBeVisible();
    await expect(page.getByText(/You can ask for a new code in [12] s\./)).toBeVisible();
    await expect(login.resend).toBeEnabled({ timeout: (OTP_RESEND_SECONDS + 2) * 1000 });
    await expect(page.getByText("You can ask for a new code now.")).toBeVisible();
    await login.resend.click();
    await expect(login.resend).toBeDisabled();
    await expect(login.simulatedSms).toBeVisible();
    const second = await login.simulatedCode();
    if (second !== first) {
      await login.enterCode(first);
      await expect(login.alert).toHaveText("The code is wrong. 2 tries left.");
    }
    await login.enterCode(second);
    await expect(page).toHaveURL(/\/profile$/);
  });

  test("after a reload, a person who already has a code can still enter it: the cooldown shows the Code field", async ({ page, login }) => {
    const phone = uniquePhone();
    await login.goto();
    await login.requestCode(phone);
    const code = await login.simulatedCode();
    await page.reload();
    await login.phone.fill(phone);
    await login.getCode.click();
    await expect(login.code).toBeFocused();
    await expect(page.getByRole("status").filter({ hasText: "A code was sent to" })).toContainText("a moment ago");
    await expect(page.getByText(/^You can ask for a new code in [1-3] s\.$/)).toBeVisible();
    await login.enterCode(code);
    await expect(page).toHaveURL(/\/profile$/);
  });
});

test.describe("demo mode", () => {
  test("the pages say that codes are shown on screen (the test server runs with DEMO_MODE=true)", async ({ page, login }) => {
    await login.goto();
    await expect(page.getByRole("note")).toHaveText(/^Demo: codes are shown on screen\./);
    await page.goto("/");
    await expect(page.getByRole("note")).toHaveText(/^Demo: codes are shown on screen\./);
  });
});

test.describe("codes that paste", () => {
  const pastes: [string, (code: string, sms: string) => string][] = [
    ["with spaces", (code) => ` ${code.slice(0, 2)} ${code.slice(2)} `],
    ["with a dash", (code) => `${code.slice(0, 2)}-${code.slice(2)}`],
    ["the whole SMS", (_code, sms) => sms],
  ];
  for (const [what, pasted] of pastes) {
    test(`pasting the code ${what} leaves exactly the code and signs in by itself`, async ({ page, login }) => {
      await login.goto();
      await login.requestCode(uniquePhone());
      const code = await login.simulatedCode();
      const sms = (await login.simulatedSms.locator(".sms-text").textContent()) ?? "";
      await expect(login.code).toHaveAttribute("autocomplete", "one-time-code");
      await expect(login.code).toHaveAttribute("inputmode", "numeric");
      await login.code.focus();
      // One input event with the whole text, as a paste or an SMS autofill delivers it.
      await page.keyboard.insertText(pasted(code, sms));
      await expect(page).toHaveURL(/\/profile$/);
    });
  }
});

test("the phone is grouped as it is typed, with a country code selector", async ({ page, login }) => {
  await login.goto();
  const country = page.getByRole("combobox", { name: "Country code" });
  await expect(country).toHaveValue("RU");
  const digits = uniquePhone().slice(2);
  await login.phone.pressSequentially(digits);
  await expect(login.phone).toHaveValue(`${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`);
  // A number typed with + picks its country.
  await login.phone.fill("");
  await login.phone.pressSequentially("+375291234567");
  await expect(country).toHaveValue("BY");
  await country.selectOption("RU");
  await login.phone.fill("");
  await login.phone.pressSequentially(digits);
  await login.getCode.click();
  await expect(login.code).toBeFocused();
  await expect(page.getByRole("main").getByText(`+7${digits}`)).toBeVisible();
});
