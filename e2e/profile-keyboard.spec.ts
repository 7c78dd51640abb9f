import { expect, test, uniquePhone } from "./fixtures";

test.describe("profile with the keyboard", () => {
  test("an editor takes the focus when it opens, closes on Escape and gives the focus back", async ({ page, login, profile }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    await profile.editDetails.focus();
    await page.keyboard.press("Enter");
    await expect(profile.firstName).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(profile.firstName).toHaveCount(0);
    await expect(profile.editDetails).toBeFocused();

    // Saving is announced by the live region that stays after the editor closes.
    await page.keyboard.press("Enter");
    await expect(profile.firstName).toBeFocused();
    await page.keyboard.type("Анна");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(profile.editDetails).toBeFocused();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  });

  test("a form error speaks to people, not in the API's words", async ({ login, profile }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    await profile.editDetails.click();
    await profile.email.fill("anna@");
    await profile.save.click();
    await expect(profile.alert).toHaveText("Enter a valid e-mail address, like anna@example.com.");
  });

  test("an invite link opened while signed in shows a notice and the prefilled, focused field", async ({ page, login, profile, api }) => {
    const owner = await api.signUp();
    await login.goto();
    await login.signInAs(uniquePhone());
    await page.goto(`/login?ref=${owner.profile.inviteCode.toLowerCase()}`);
    await expect(page).toHaveURL(new RegExp(`/profile\\?ref=${owner.profile.inviteCode}$`));
    await expect(page.getByRole("status").filter({ hasText: `You opened an invite link with the code ${owner.profile.inviteCode}` })).toBeVisible();
    await expect(profile.inviteCodeInput).toHaveValue(owner.profile.inviteCode);
    await expect(profile.inviteCodeInput).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: `Invite code ${owner.profile.inviteCode} activated.` })).toBeVisible();
  });
});
