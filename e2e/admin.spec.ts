import type { Page } from "@playwright/test";
import { formatPhone } from "../lib/phone/format-phone";
import { expect, test, uniquePhone } from "./fixtures";
import { adminCookie } from "./support/admin-cookie";
import { ADMIN_PHONE } from "./support/global-setup";
import { BASE_URL, OTP_RESEND_SECONDS } from "./support/settings";

/** Searches the users table; tried again while a click before hydration only reloads the page. */
async function searchFor(page: Page, phone: string): Promise<void> {
  const users = page.getByRole("region", { name: "Users" });
  await expect(async () => {
    await users.getByLabel("Search users").fill(phone.slice(1));
    await users.getByRole("button", { name: "Search", exact: true }).click();
    await expect(users.getByRole("status")).toHaveText(/^1 user matching/, { timeout: 2_000 });
  }).toPass();
}

test.describe("administration", () => {
  test("the administrator sees the statistics and the users, and blocks a user who then cannot sign in", async ({ page, context, profile, api, newPerson }) => {
    const member = await api.signUp();
    const codeAt = Date.now();
    await context.addCookies(adminCookie());

    await profile.goto();
    await expect(profile.fact("Phone")).toHaveText(formatPhone(ADMIN_PHONE));
    await profile.adminLink.click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "Administration", level: 1 })).toBeVisible();
    const stats = page.getByRole("region", { name: "Statistics" });
    await expect(stats.getByRole("term").filter({ hasText: /^Users$/ })).toBeVisible();
    expect(Number((await stats.getByRole("term").filter({ hasText: /^Users$/ }).locator("xpath=following-sibling::dd[1]").textContent())?.replaceAll(",", ""))).toBeGreaterThanOrEqual(2);
    const users = page.getByRole("region", { name: "Users" });
    await expect(users.getByRole("table")).toBeVisible();
    await expect(users.getByRole("columnheader", { name: "Blocked" })).toBeVisible();
    expect(await users.getByRole("row").count()).toBeGreaterThanOrEqual(3);

    await searchFor(page, member.phone);
    const blocked = users.getByRole("checkbox", { name: `Blocked: ${formatPhone(member.phone)}` });
    await expect(blocked).not.toBeChecked();
    // Blocking asks first; Escape leaves everything as it was.
    await blocked.click();
    const question = users.getByRole("alertdialog", { name: `Block ${formatPhone(member.phone)}?` });
    await expect(question.getByRole("button", { name: "Block", exact: true })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(question).toHaveCount(0);
    await expect(blocked).not.toBeChecked();
    await blocked.click();
    const saved = page.waitForResponse((response) => response.url().includes("/api/v1/admin/users/") && response.request().method() === "PATCH");
    await question.getByRole("button", { name: "Block", exact: true }).click();
    expect((await saved).status()).toBe(200);
    await expect(blocked).toBeChecked();
    await page.reload();
    await searchFor(page, member.phone);
    await expect(users.getByRole("checkbox", { name: `Blocked: ${formatPhone(member.phone)}` })).toBeChecked();

    // The blocked member cannot sign in any more.
    const left = codeAt + OTP_RESEND_SECONDS * 1000 + 250 - Date.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    const blockedPerson = await newPerson();
    await blockedPerson.login.goto();
    await blockedPerson.login.requestCode(member.phone);
    await blockedPerson.login.enterCode(await blockedPerson.login.simulatedCode());
    await expect(blockedPerson.login.alert).toHaveText("This account is blocked.");
    await expect(blockedPerson.page).toHaveURL(/\/login$/);
  });

  test("the users table turns pages, keeps the rows while a search loads, and puts back a change the server refuses", async ({ page, context, api }) => {
    // More than one page of users (20), whatever the other tests have made.
    const accounts = [];
    for (let i = 0; i < 21; i++) accounts.push(await api.signUp());
    const member = accounts[0]!;
    await context.addCookies(adminCookie());
    await page.goto("/admin");
    const users = page.getByRole("region", { name: "Users" });
    const status = users.getByRole("status");
    await expect(status).toHaveText(/users · page 1$/);
    const firstPage = await users.getByRole("row").allTextContents();
    await expect(users.getByRole("button", { name: "Previous" })).toBeDisabled();
    await expect(async () => {
      await users.getByRole("button", { name: "Next" }).click();
      await expect(status).toHaveText(/ · page 2$/, { timeout: 2_000 });
    }).toPass();
    expect(await users.getByRole("row").allTextContents()).not.toEqual(firstPage);
    // The page seen a moment ago comes back as it was, without a request.
    const asked: string[] = [];
    page.on("request", (request) => (request.url().includes("/api/v1/admin/users?") ? asked.push(request.url()) : undefined));
    await users.getByRole("button", { name: "Previous" }).click();
    await expect(status).toHaveText(/ · page 1$/);
    expect(await users.getByRole("row").allTextContents()).toEqual(firstPage);
    expect(asked).toEqual([]);

    // While a search is answered, the form says so and the rows shown stay.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route("**/api/v1/admin/users?*", async (route) => {
      await held;
      await route.continue();
    });
    const digits = member.phone.slice(1);
    await users.getByLabel("Search users").fill(digits);
    await users.getByRole("button", { name: "Search", exact: true }).click();
    await expect(status).toHaveText(`Searching for “${digits}”…`);
    await expect(users.getByRole("button", { name: "Searching…" })).toBeDisabled();
    await expect(users.getByRole("search")).toHaveAttribute("aria-busy", "true");
    await expect(users.getByRole("button", { name: "Next" })).toBeDisabled();
    expect(await users.getByRole("row").allTextContents()).toEqual(firstPage);
    answer();
    await expect(status).toHaveText(/^1 user matching/);
    await page.unroute("**/api/v1/admin/users?*");

    // A refused change goes back, with the reason; an accepted one stays.
    await page.route("**/api/v1/admin/users/*", (route) =>
      route.fulfill({ status: 500, contentType: "application/problem+json", body: JSON.stringify({ title: "Internal error", status: 500, code: "internal_error" }) }),
    );
    const administrator = users.getByRole("checkbox", { name: `Administrator: ${formatPhone(member.phone)}` });
    await administrator.click();
    await expect(users.getByRole("alert")).toContainText("Could not update the user:");
    await expect(administrator).not.toBeChecked();
    await page.unroute("**/api/v1/admin/users/*");
    await administrator.click();
    await expect(users.getByText(`${member.phone} is now an administrator.`)).toBeAttached();
    await expect(administrator).toBeChecked();
    await expect(users.getByRole("alert")).toHaveCount(0);
    await administrator.click();
    await expect(users.getByText(`${member.phone} is no longer an administrator.`)).toBeAttached();
    await expect(administrator).not.toBeChecked();
  });

  test("a signed-in member whose account is blocked is told so when the session ends", async ({ page, login, profile, playwright }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    await expect(profile.heading).toBeVisible();
    const token = (await page.context().cookies()).find((cookie) => cookie.name === "pr_access")?.value;
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    const me = await (await request.get("/api/v1/profile", { headers: { authorization: `Bearer ${token}` } })).json();
    const adminToken = adminCookie()[0]!.value;
    const blocked = await request.patch(`/api/v1/admin/users/${me.id}`, { data: { isBlocked: true }, headers: { authorization: `Bearer ${adminToken}` } });
    expect(blocked.status()).toBe(200);
    await request.dispose();

    await page.reload();
    await expect(page).toHaveURL(/\/login\?reason=account-blocked/);
    await expect(page.getByText("This account is blocked: it cannot sign in.")).toBeVisible();
  });

  test("a member gets no access to the administration", async ({ page, login, profile, playwright }) => {
    await login.goto();
    await login.signInAs(uniquePhone());
    await expect(profile.heading).toBeVisible();
    await expect(profile.adminLink).toHaveCount(0);

    const answer403 = await page.goto("/admin");
    expect(answer403?.status(), "HTTP status of /admin for a member").toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page is for administrators only");
    await expect(page.getByRole("link", { name: "Go to your profile" })).toHaveAttribute("href", "/profile");
    await expect(page.getByRole("region", { name: "Users" })).toHaveCount(0);

    const token = (await page.context().cookies()).find((cookie) => cookie.name === "pr_access")?.value;
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    const answer = await request.get("/api/v1/admin/stats", { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status()).toBe(403);
    expect((await answer.json()).code).toBe("forbidden");
    await request.dispose();
  });
});

test.describe("administration on a 360 px phone", () => {
  test("the users fit without sideways scrolling, with names and e-mails, searchable in Cyrillic", async ({ page, context, api, playwright }) => {
    const member = await api.signUp();
    // A surname of this run's own, so that a repeated run finds one match too.
    const letters = "абвгдежзиклмнопрстуфхцчшэюя";
    const surname = `Иванова-${Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join("")}`;
    const email = `yolka-${Date.now()}@example.com`;
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    const named = await request.patch("/api/v1/profile", {
      data: { firstName: "Ёлка", lastName: surname, email },
      headers: { authorization: `Bearer ${member.accessToken}` },
    });
    expect(named.status()).toBe(200);
    await request.dispose();

    await page.setViewportSize({ width: 360, height: 740 });
    await context.addCookies(adminCookie());
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Administration", level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const users = page.getByRole("region", { name: "Users" });
    await expect(async () => {
      await users.getByLabel("Search users").fill(`ёлка ${surname.toLowerCase()}`);
      await users.getByRole("button", { name: "Search", exact: true }).click();
      await expect(users.getByRole("status")).toHaveText(/^1 user matching/, { timeout: 2_000 });
    }).toPass();
    const row = users.getByRole("row").filter({ hasText: `Ёлка ${surname}` });
    await expect(row).toContainText(email);
    await expect(row).toContainText(formatPhone(member.phone));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
