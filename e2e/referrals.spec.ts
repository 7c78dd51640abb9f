import { formatPhone } from "../lib/phone/format-phone";
import { expect, test, uniquePhone } from "./fixtures";
import { BASE_URL } from "./support/settings";

test.describe("referrals", () => {
  test("a friend who signs in through the invite link appears under Invited users", async ({ context, login, profile, newPerson }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
    await login.goto();
    await login.signInAs(uniquePhone());
    const code = await profile.inviteCode();
    await expect(profile.inviteLink).toHaveValue(`${BASE_URL}/login?ref=${code}`);
    await profile.copyInviteLink.click();
    await expect(profile.page.getByRole("status").filter({ hasText: "Invite link copied." })).toBeVisible();
    const link = await profile.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(`${BASE_URL}/login?ref=${code}`);

    const friend = await newPerson();
    const friendPhone = uniquePhone();
    await friend.page.goto(link);
    await expect(friend.page.getByText(`You were invited with the code ${code}.`)).toBeVisible();
    await friend.login.signInAs(friendPhone);
    await expect(friend.page.getByRole("status").filter({ hasText: `Invite code ${code} activated.` })).toBeVisible();
    await expect(friend.profile.fact("Activated invite code")).toContainText(code);
    await expect(friend.profile.inviteCodeInput).toHaveCount(0);

    await profile.page.reload();
    await expect(profile.invitedUsersSection).toContainText("1 person has activated your invite code.");
    await expect(profile.invitedUsers.getByRole("listitem")).toHaveCount(1);
    await expect(profile.invitedUsers.getByRole("listitem").first()).toContainText(formatPhone(friendPhone));
    await expect(profile.invitedUsers.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  });

  test("activation errors are shown in plain words next to the field", async ({ login, profile, api }) => {
    const inviter = await api.signUp();
    await login.goto();
    await login.signInAs(uniquePhone());
    const own = await profile.inviteCode();

    await profile.activateCode("abc");
    await expect(profile.alert).toHaveText("An invite code is 6 letters (A–Z) and digits.");
    await profile.activateCode("ZZZZZZ");
    await expect(profile.alert).toHaveText("Nobody has this invite code. Check it and try again.");
    await expect(profile.inviteCodeInput).toHaveAttribute("aria-invalid", "true");
    await profile.activateCode(own.toLowerCase());
    await expect(profile.alert).toHaveText("This is your own invite code. Enter the code of the person who invited you.");

    // The inviter joined through this person's code, so activating the inviter's code would close a loop.
    await api.activate(inviter, own);
    await profile.activateCode(inviter.profile.inviteCode);
    await expect(profile.alert).toHaveText(/^You cannot activate this code: its owner joined through your invitation/);

    const other = await api.signUp();
    await profile.activateCode(` ${other.profile.inviteCode.toLowerCase()} `);
    await expect(profile.fact("Activated invite code")).toContainText(other.profile.inviteCode);
    await expect(profile.inviteCodeInput).toHaveCount(0);
    await expect(profile.alert).toHaveCount(0);
  });

  test("a code from the link that cannot be activated is reported on the profile", async ({ page, login, profile }) => {
    await login.goto("ZZZZZ9");
    await login.signInAs(uniquePhone());
    await expect(profile.alert).toContainText("The invite code ZZZZZ9 from your link was not activated.");
    await expect(profile.alert).toContainText("Nobody has this invite code.");
    await expect(profile.inviteCodeInput).toHaveValue("ZZZZZ9");
    await expect(page).toHaveURL(/\/profile\?ref=ZZZZZ9&refError=invite_code_not_found$/);
  });

  test("Invited users counts everybody and loads more on request", async ({ login, profile, api }) => {
    test.slow();
    await login.goto();
    const phone = uniquePhone();
    await login.signInAs(phone);
    const code = await profile.inviteCode();
    const invitees: string[] = [];
    for (let i = 0; i < 21; i++) {
      const invitee = await api.signUp();
      await api.activate(invitee, code);
      invitees.unshift(formatPhone(invitee.phone));
    }
    await profile.page.reload();
    await expect(profile.invitedUsersSection).toContainText("21 people have activated your invite code.");
    await expect(profile.invitedUsers.getByRole("listitem")).toHaveCount(20);
    await expect(profile.invitedUsers.getByRole("listitem").first()).toContainText(invitees[0]!);
    await profile.showMore.click();
    await expect(profile.invitedUsers.getByRole("listitem")).toHaveCount(21);
    await expect(profile.invitedUsers.getByRole("listitem").last()).toContainText(invitees[20]!);
    await expect(profile.showMore).toHaveCount(0);
  });
});
