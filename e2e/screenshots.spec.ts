import { expect, test, uniquePhone } from "./fixtures";

// Refreshes docs/login.png and docs/profile.png for the README: UPDATE_SCREENSHOTS=1 npm run test:e2e -- screenshots
test.skip(!process.env.UPDATE_SCREENSHOTS, "set UPDATE_SCREENSHOTS=1 to refresh the README's screenshots");

test("screenshots of /login and /profile", async ({ page, login, profile, api }) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await login.goto();
  await login.requestCode(uniquePhone());
  await expect(login.simulatedSms).toBeVisible();
  await page.screenshot({ path: "docs/login.png" });

  await login.enterCode(await login.simulatedCode());
  const code = await profile.inviteCode();
  for (let i = 0; i < 2; i++) await api.activate(await api.signUp(), code);
  await page.reload();
  await expect(profile.invitedUsers.getByRole("listitem")).toHaveCount(2);
  await page.screenshot({ path: "docs/profile.png", fullPage: true });
});
