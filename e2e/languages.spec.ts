import type { Page } from "@playwright/test";
import { expect, test, uniquePhone } from "./fixtures";
import { adminCookie } from "./support/admin-cookie";
import { BASE_URL } from "./support/settings";

/** The Russian accessible names fixed by the contract ("v2: Languages"). */
const ru = {
  phone: "Номер телефона",
  getCode: "Получить код",
  code: "Код из SMS",
  signIn: "Войти",
  inviteCode: "Инвайт-код",
  activate: "Активировать",
  copyInviteLink: "Скопировать ссылку-приглашение",
  invitedUsers: "Приглашённые пользователи",
  signOut: "Выйти",
  deleteAccount: "Удалить аккаунт",
  sessions: "Сеансы",
  signOutOthers: "Выйти на других устройствах",
  webhooks: "Вебхуки",
};

async function signInInRussian(page: Page, phone: string): Promise<string> {
  await page.getByLabel(ru.phone, { exact: true }).fill(phone);
  await page.getByRole("button", { name: ru.getCode, exact: true }).click();
  const code = page.getByLabel(ru.code, { exact: true });
  await expect(code).toBeFocused();
  const sms = page.getByRole("region", { name: "SMS (симуляция)" });
  await expect(sms).toContainText(/Код для входа: \d{4}\./);
  const text = (await sms.locator(".sms-text").textContent()) ?? "";
  const digits = /Код для входа: (\d{4})\./.exec(text)![1]!;
  await expect(page.getByRole("button", { name: ru.signIn, exact: true })).toBeDisabled();
  // The form sends itself when the last digit arrives.
  await code.fill(digits);
  await expect(page).toHaveURL(/\/profile$/);
  return text;
}

test.describe("languages", () => {
  test("English by default, with a switch to Russian", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByLabel("Phone number", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Русский", exact: true })).toBeVisible();
  });

  test("Russian from Accept-Language: the contract's names, the SMS in Russian with the WebOTP line", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ru-RU", baseURL: BASE_URL });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Вход");
    await expect(page.getByRole("button", { name: "English", exact: true })).toBeVisible();

    const sms = await signInInRussian(page, uniquePhone());
    expect(sms).toMatch(/^Код для входа: (\d{4})\. Никому не сообщайте\.\n@localhost #\1$/);
    expect([...sms].length).toBeLessThanOrEqual(70);

    for (const label of [ru.inviteCode]) await expect(page.getByLabel(label, { exact: true })).toBeVisible();
    for (const name of [ru.activate, ru.copyInviteLink, ru.signOut, ru.deleteAccount]) {
      await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
    }
    await expect(page.getByRole("heading", { name: ru.invitedUsers })).toBeVisible();
    const sessions = page.getByRole("region", { name: ru.sessions });
    await expect(sessions.getByRole("heading", { name: ru.sessions, level: 2 })).toBeVisible();
    await expect(sessions.getByRole("button", { name: ru.signOutOthers, exact: true })).toBeVisible();
    await context.close();
  });

  test("the administration's Webhooks section in Russian", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ru-RU", baseURL: BASE_URL });
    await context.addCookies(adminCookie());
    const page = await context.newPage();
    await page.goto("/admin");
    const section = page.getByRole("region", { name: ru.webhooks });
    await expect(section.getByRole("heading", { name: ru.webhooks, level: 2 })).toBeVisible();
    const form = section.getByRole("form", { name: "Добавить адрес вебхука" });
    await expect(form.getByLabel("Адрес (URL)", { exact: true })).toBeVisible();
    await expect(form.getByLabel("Описание", { exact: true })).toBeVisible();
    await expect(form.getByRole("group", { name: "События" })).toBeVisible();
    // Event types are API names: they stay as they are.
    await expect(form.getByRole("checkbox", { name: "user.created" })).toBeVisible();
    await expect(form.getByRole("button", { name: "Добавить адрес", exact: true })).toBeVisible();
    await expect(section).not.toContainText("Endpoint URL");
    await context.close();
  });

  test("the switch is remembered across pages and reloads, and switches back", async ({ page }) => {
    await page.goto("/login?ref=AB2CD3");
    await page.getByRole("button", { name: "Русский", exact: true }).click();
    await expect(page).toHaveURL(/\/login\?ref=AB2CD3$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByLabel(ru.phone, { exact: true })).toBeVisible();
    expect((await page.context().cookies()).find((cookie) => cookie.name === "locale")?.value).toBe("ru");

    await page.reload();
    await expect(page.getByLabel(ru.phone, { exact: true })).toBeVisible();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");

    await page.getByRole("button", { name: "English", exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("button", { name: "Русский", exact: true })).toBeVisible();
  });

  test("the switch works from the keyboard", async ({ page }) => {
    await page.goto("/");
    const toRussian = page.getByRole("button", { name: "Русский", exact: true });
    await toRussian.focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  });

  test("the 404 page is styled, in the page's language, with a way home", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ru-RU", baseURL: BASE_URL });
    const page = await context.newPage();
    const answer = await page.goto("/no-such-page");
    expect(answer?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Страница не найдена");
    await expect(page.getByRole("link", { name: "На главную" })).toHaveAttribute("href", "/");
    await context.close();
  });
});
