import { expect, type Locator, type Page } from "@playwright/test";

/** /login, by the accessible names the contract fixes. */
export class LoginPage {
  readonly phone: Locator;
  readonly getCode: Locator;
  readonly code: Locator;
  readonly signIn: Locator;
  readonly resend: Locator;
  readonly simulatedSms: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.phone = page.getByLabel("Phone number", { exact: true });
    this.getCode = page.getByRole("button", { name: "Get code", exact: true });
    this.code = page.getByLabel("Code", { exact: true });
    this.signIn = page.getByRole("button", { name: "Sign in", exact: true });
    this.resend = page.getByRole("button", { name: "Send a new code", exact: true });
    this.simulatedSms = page.getByRole("region", { name: "Simulated SMS" });
    this.alert = page.getByRole("main").getByRole("alert");
  }

  async goto(ref?: string): Promise<void> {
    await this.page.goto(ref ? `/login?ref=${encodeURIComponent(ref)}` : "/login");
    await expect(this.page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  }

  async requestCode(phone: string): Promise<void> {
    await this.phone.fill(phone);
    await this.getCode.click();
    await expect(this.code).toBeFocused();
  }

  /** The code from the simulated SMS box the page shows in test mode. */
  async simulatedCode(): Promise<string> {
    await expect(this.simulatedSms).toContainText(/code: \d{4}/);
    const text = (await this.simulatedSms.textContent()) ?? "";
    return /code: (\d{4,8})/.exec(text)![1]!;
  }

  /** Types the code; the form sends itself when the last digit arrives (cleared first, so the same code counts again). */
  async enterCode(code: string): Promise<void> {
    await this.code.clear();
    await this.code.fill(code);
  }

  /** The whole journey: phone, code from the simulated SMS, sign in, land on /profile. */
  async signInAs(phone: string): Promise<void> {
    await this.requestCode(phone);
    await this.enterCode(await this.simulatedCode());
    await expect(this.page).toHaveURL(/\/profile(\?|$)/);
  }
}
