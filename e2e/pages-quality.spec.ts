import { gzipSync } from "node:zlib";
import type { Page, Response } from "@playwright/test";
import { expect, test, uniquePhone } from "./fixtures";
import { adminCookie } from "./support/admin-cookie";
import { BASE_URL } from "./support/settings";

/** Compressed size of every script the page loads until its load event, fetched with an empty cache. */
async function firstLoadJs(page: Page, path: string): Promise<{ files: number; bytes: number }> {
  const scripts: Promise<number>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === "script") scripts.push(response.body().then((body) => gzipSync(body).length));
  };
  page.on("response", onResponse);
  await page.goto(path, { waitUntil: "load" });
  page.off("response", onResponse);
  const sizes = await Promise.all(scripts);
  return { files: sizes.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
}

test.describe("page quality", () => {
  test("first-load JavaScript of /login, /profile and /admin stays under 150 kB compressed", async ({ newPerson, api }, testInfo) => {
    const visitor = await newPerson();
    const login = await firstLoadJs(visitor.page, "/login");

    const account = await api.signUp();
    const member = await newPerson();
    await member.context.addCookies([{ name: "pr_access", value: account.accessToken, url: BASE_URL, httpOnly: true, secure: true }]);
    const profile = await firstLoadJs(member.page, "/profile");
    await expect(member.profile.heading).toBeVisible();

    const administrator = await newPerson();
    await administrator.context.addCookies(adminCookie());
    const admin = await firstLoadJs(administrator.page, "/admin");
    await expect(administrator.page.getByRole("heading", { name: "Administration", level: 1 })).toBeVisible();

    const measured = { "/login": login, "/profile": profile, "/admin": admin };
    const report = `first-load JS (gzip): ${Object.entries(measured)
      .map(([path, { bytes, files }]) => `${path} ${(bytes / 1000).toFixed(1)} kB in ${files} files`)
      .join("; ")}`;
    console.log(report);
    testInfo.annotations.push({ type: "first-load-js", description: report });
    for (const [path, { bytes }] of Object.entries(measured)) expect(bytes, `first-load JS of ${path}`).toBeLessThan(150_000);
  });

  test("/login and /profile fit a 360 px phone without sideways scrolling", async ({ page, login, profile }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await login.goto();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await login.signInAs(uniquePhone());
    await expect(profile.heading).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  test("the home page says what this is and links onwards", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "/redoc" })).toHaveAttribute("href", "/redoc");
    await page.getByRole("link", { name: "Sign in with your phone" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });

  test("no request leaves the origin during the whole journey", async ({ page, context, login, profile }) => {
    const seen: string[] = [];
    context.on("request", (request) => seen.push(request.url()));
    await page.goto("/");
    await login.goto();
    await login.signInAs(uniquePhone());
    await expect(profile.heading).toBeVisible();
    await profile.signOut.click();
    await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((url) => new URL(url).origin !== BASE_URL)).toEqual([]);
    // The `offsite` fixture additionally aborts and reports any such request, in every test.
  });
});
