import { expect, test, uniquePhone } from "./fixtures";

test.describe("session", () => {
  test("without a session /profile sends you to /login", async ({ page, login }) => {
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login$/);
    await expect(login.phone).toBeVisible();
  });

  test("signing out ends the session on the server and in the browser", async ({ page, context, login, profile, playwright }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    const accessToken = (await context.cookies()).find((cookie) => cookie.name === "pr_access")?.value;
    expect(accessToken).toBeTruthy();

    await profile.signOut.click();
    await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
    await expect(page.getByRole("status").filter({ hasText: "You have signed out." })).toBeVisible();
    await expect(login.phone).toBeVisible();
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual([]);
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login$/);

    const request = await playwright.request.newContext({ baseURL: page.url() });
    const answer = await request.get("/api/v1/profile", { headers: { authorization: `Bearer ${accessToken}` } });
    expect(answer.status()).toBe(401);
    await request.dispose();
  });

  test("signing out in one tab signs out the others", async ({ context, login, profile }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    const other = await context.newPage();
    await other.goto("/profile");
    await expect(other.getByRole("heading", { name: "Your profile" })).toBeVisible();
    await profile.signOut.click();
    await expect(other).toHaveURL(/\/login\?reason=signed-out-elsewhere$/);
    await expect(other.getByRole("status").filter({ hasText: "You signed out in another tab or window" })).toBeVisible();
  });

  test("an expired access token is refreshed once, even by two tabs loading at the same time", async ({ page, context, login, profile }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    const code = await profile.inviteCode();
    const second = await context.newPage();
    await second.goto("/profile");

    const refreshes: string[] = [];
    context.on("request", (request) => {
      if (request.url().endsWith("/api/v1/auth/refresh")) refreshes.push(request.method());
    });
    // What the browser does when the 15-minute access cookie expires: only the refresh cookie is left.
    await context.clearCookies({ name: "pr_access" });
    await Promise.all([page.reload(), second.reload()]);

    for (const tab of [page, second]) {
      await expect(tab.getByRole("heading", { name: "Your profile" })).toBeVisible();
      await expect(tab.getByRole("term").filter({ hasText: /^Your invite code$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText(code);
      await expect(tab.getByRole("region", { name: "Invited users" })).toContainText("Nobody has activated");
    }
    expect(refreshes).toEqual(["POST"]);
    expect((await context.cookies()).map((cookie) => cookie.name).sort()).toEqual(["pr_access", "pr_refresh"]);

    // The rotated session still works for a fresh page load rendered on the server.
    await page.reload();
    await expect(profile.fact("Your invite code")).toHaveText(code);
    expect(refreshes).toEqual(["POST"]);
  });

  test("a session that cannot be refreshed goes back to /login", async ({ page, context, login }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    await context.clearCookies({ name: "pr_access" });
    const refresh = (await context.cookies()).find((cookie) => cookie.name === "pr_refresh")!;
    await context.addCookies([{ ...refresh, value: "not-a-refresh-token" }]);
    await page.reload();
    await expect(page).toHaveURL(/\/login\?reason=session-ended$/);
    await expect(page.getByRole("status").filter({ hasText: "Your session has ended." })).toBeVisible();
    expect(await context.cookies()).toEqual([]);
  });
});
