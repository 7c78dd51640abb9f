import type { Page } from "@playwright/test";
import { type Api, expect, test, uniquePhone } from "./fixtures";
import { BASE_URL } from "./support/settings";

// Refreshes docs/*.png for the README: UPDATE_SCREENSHOTS=1 npm run test:e2e -- screenshots
test.skip(!process.env.UPDATE_SCREENSHOTS, "set UPDATE_SCREENSHOTS=1 to refresh the README's screenshots");

const screens = [
  { name: "desktop", viewport: { width: 1100, height: 860 } },
  { name: "phone", viewport: { width: 360, height: 760 } },
] as const;

/** The sign-in after "Get code" (with the simulated SMS), then the profile with two invitees. */
async function shoot(page: Page, api: Api, suffix: string, labels: { getCode: string; code: string; sms: string }) {
  await page.goto("/login");
  const digits = uniquePhone().slice(2);
  await page.getByRole("textbox", { name: labels.getCode === "Get code" ? "Phone number" : "Номер телефона" }).pressSequentially(digits);
  await page.getByRole("button", { name: labels.getCode, exact: true }).click();
  const sms = page.getByRole("region", { name: labels.sms });
  await expect(sms).toContainText(/#\d{4}/);
  await page.screenshot({ path: `docs/login-${suffix}.png`, fullPage: true });

  const text = (await sms.locator(".sms-text").textContent()) ?? "";
  await page.getByLabel(labels.code, { exact: true }).fill(/#(\d{4})/.exec(text)![1]!);
  await expect(page).toHaveURL(/\/profile$/);
  const code = (await page.locator(".invite-code").first().textContent())!;
  for (let i = 0; i < 2; i++) await api.activate(await api.signUp(), code);
  await page.reload();
  await expect(page.locator(".invitees li")).toHaveCount(2);
  await page.screenshot({ path: `docs/profile-${suffix}.png`, fullPage: true });
}

for (const screen of screens) {
  for (const locale of ["en", "ru"] as const) {
    test(`screenshots of /login and /profile, ${locale}, ${screen.name}`, async ({ browser, api }) => {
      const context = await browser.newContext({ baseURL: BASE_URL, viewport: screen.viewport, locale: locale === "ru" ? "ru-RU" : "en-GB", colorScheme: "light" });
      const page = await context.newPage();
      const labels = locale === "en" ? { getCode: "Get code", code: "Code", sms: "Simulated SMS" } : { getCode: "Получить код", code: "Код из SMS", sms: "SMS (симуляция)" };
      await shoot(page, api, `${locale}-${screen.name}`, labels);
      await context.close();
    });
  }
}
