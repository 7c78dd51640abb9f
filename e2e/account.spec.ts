import sharp from "sharp";
import { formatPhone } from "../lib/phone/format-phone";
import { expect, test, uniquePhone } from "./fixtures";
import { OTP_RESEND_SECONDS } from "./support/settings";

/** Waits until a new code may be sent to a number that got one at `sentAt` (a Date.now() value). */
async function passCooldown(sentAt: number): Promise<void> {
  const left = sentAt + OTP_RESEND_SECONDS * 1000 + 250 - Date.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

/** A real 32×32 PNG, made in the test. */
async function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 200, g: 30, b: 60 } } })
    .png()
    .toBuffer();
}

test.describe("account", () => {
  test("name and e-mail are saved and shown after a reload; a bad e-mail is refused beside the field", async ({ page, login, profile }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    await expect(profile.fact("Name")).toHaveText("Not set");

    await profile.editDetails.click();
    await profile.firstName.fill("Анна");
    await profile.lastName.fill("Smith");
    await profile.email.fill("not-an-address");
    await profile.save.click();
    await expect(profile.email).toHaveAttribute("aria-invalid", "true");
    await expect(profile.alert).toHaveText("Enter a valid e-mail address, like anna@example.com.");

    await profile.email.fill("  Anna@Example.COM ");
    await profile.save.click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(profile.fact("Name")).toHaveText("Анна Smith");

    await page.reload();
    await expect(profile.fact("Name")).toHaveText("Анна Smith");
    await expect(profile.fact("E-mail")).toHaveText("anna@example.com");

    // An emptied field clears the value.
    await profile.editDetails.click();
    await expect(profile.firstName).toHaveValue("Анна");
    await profile.lastName.fill("");
    await profile.save.click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await page.reload();
    await expect(profile.fact("Name")).toHaveText("Анна");
  });

  test("an uploaded avatar is previewed and shown; a text file gets a plain-words error; Remove avatar removes it", async ({ page, login, profile }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    await expect(profile.avatar).toHaveCount(0);

    await profile.changeAvatar.click();
    await profile.avatarFile.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a picture") });
    await profile.uploadAvatar.click();
    await expect(profile.alert).toHaveText("This file is not a picture we can use. Choose a PNG, JPEG or WebP image.");
    await expect(profile.avatar).toHaveCount(0);

    await profile.avatarFile.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await smallPng() });
    await expect(page.getByRole("img", { name: "Preview of the new avatar" })).toBeVisible();
    await expect(profile.alert).toHaveCount(0);
    await profile.uploadAvatar.click();
    await expect(page.getByRole("status").filter({ hasText: "Avatar saved." })).toBeVisible();
    await expect(profile.avatar).toBeVisible();
    // The image really loaded: the server's 256 px square.
    await expect.poll(() => profile.avatar.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(256);

    await page.reload();
    await expect(profile.avatar).toBeVisible();
    await profile.changeAvatar.click();
    await profile.removeAvatar.click();
    await expect(page.getByRole("status").filter({ hasText: "Avatar removed." })).toBeVisible();
    await expect(profile.avatar).toHaveCount(0);
    await expect(profile.removeAvatar).toHaveCount(0);
  });

  test("a picture over 2 MiB gets the size message", async ({ login, profile }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    await profile.changeAvatar.click();
    const big = Buffer.concat([await smallPng(), Buffer.alloc(2 * 1024 * 1024 + 1)]);
    await profile.avatarFile.setInputFiles({ name: "big.png", mimeType: "image/png", buffer: big });
    await profile.uploadAvatar.click();
    await expect(profile.alert).toHaveText("This image is too large. Choose a picture of at most 2 MB and 16 megapixels (a progressive JPEG may need to be saved as a baseline one).");
  });

  test("the phone changes with the code sent to the new number; the old number then starts a new account", async ({ page, login, profile, newPerson }) => {
    const oldPhone = uniquePhone();
    const newPhone = uniquePhone();
    await login.goto();
    await login.signInAs(oldPhone);
    const oldPhoneCodeAt = Date.now();
    const code = await profile.inviteCode();

    await profile.changePhone.click();
    await profile.newPhone.fill(newPhone);
    await profile.sendCode.click();
    await expect(profile.confirmationCode).toBeFocused();
    await expect(profile.simulatedSms).toContainText(/confirm this number: \d{4}/);
    const text = (await profile.simulatedSms.textContent()) ?? "";
    const sms = /confirm this number: (\d{4,8})/.exec(text)![1]!;

    await profile.confirmationCode.fill(sms === "0000" ? "1111" : "0000");
    await profile.confirmPhone.click();
    await expect(profile.alert).toContainText("wrong");

    await profile.confirmationCode.fill(sms);
    await profile.confirmPhone.click();
    await expect(page.getByRole("status").filter({ hasText: `Your phone number is now ${formatPhone(newPhone)}.` })).toBeVisible();
    await expect(profile.fact("Phone")).toHaveText(formatPhone(newPhone));
    await page.reload();
    await expect(profile.fact("Phone")).toHaveText(formatPhone(newPhone));
    expect(await profile.inviteCode()).toBe(code);

    // The old number is free again: signing in with it creates another account.
    const other = await newPerson();
    await other.login.goto();
    await passCooldown(oldPhoneCodeAt);
    await other.login.signInAs(oldPhone);
    expect(await other.profile.inviteCode()).not.toBe(code);
  });

  test("a phone that belongs to another account is refused", async ({ login, profile, api }) => {
    const taken = await api.signUp();
    await login.goto();
    await login.signInAs(uniquePhone());
    await profile.changePhone.click();
    await profile.newPhone.fill(taken.phone);
    await profile.sendCode.click();
    await expect(profile.alert).toHaveText("This phone number already belongs to another account.");
  });

  test("Delete account asks first, then signs out; the phone can sign up again as a new account", async ({ page, context, login, profile }) => {
    const phone = uniquePhone();
    await login.goto();
    await login.signInAs(phone);
    // After the sign-in, so surely after the server stamped the code: on a busy machine the click can lag.
    const codeAt = Date.now();
    const code = await profile.inviteCode();

    await profile.deleteAccount.click();
    await expect(page.getByText("Delete your account for good?")).toBeVisible();
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(profile.confirmDelete).toHaveCount(0);

    await profile.deleteAccount.click();
    await profile.confirmDelete.click();
    await expect(page).toHaveURL(/\/login\?reason=account-deleted$/);
    await expect(page.getByRole("status").filter({ hasText: "Your account has been deleted." })).toBeVisible();
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual([]);
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login$/);

    await passCooldown(codeAt);
    await login.signInAs(phone);
    await expect(profile.fact("Phone")).toHaveText(formatPhone(phone));
    expect(await profile.inviteCode()).not.toBe(code);
  });
});
