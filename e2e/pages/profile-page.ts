import { expect, type Locator, type Page } from "@playwright/test";

/** /profile, by the accessible names the contract fixes. */
export class ProfilePage {
  readonly heading: Locator;
  readonly inviteLink: Locator;
  readonly copyInviteLink: Locator;
  readonly inviteCodeInput: Locator;
  readonly activate: Locator;
  readonly invitedUsersSection: Locator;
  readonly invitedUsers: Locator;
  readonly showMore: Locator;
  readonly signOut: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Your profile", level: 1 });
    this.inviteLink = page.getByLabel("Invite link", { exact: true });
    this.copyInviteLink = page.getByRole("button", { name: "Copy invite link", exact: true });
    this.inviteCodeInput = page.getByLabel("Invite code", { exact: true });
    this.activate = page.getByRole("button", { name: "Activate", exact: true });
    this.invitedUsersSection = page.getByRole("region", { name: "Invited users" });
    this.invitedUsers = page.getByRole("list", { name: "Invited users" });
    this.showMore = page.getByRole("button", { name: "Show more", exact: true });
    this.signOut = page.getByRole("button", { name: "Sign out", exact: true });
    this.alert = page.getByRole("main").getByRole("alert");
  }

  async goto(): Promise<void> {
    await this.page.goto("/profile");
    await expect(this.heading).toBeVisible();
  }

  /** The value shown beside a term of the profile's facts list ("Phone", "Your invite code", …). */
  fact(term: string): Locator {
    return this.page.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  async inviteCode(): Promise<string> {
    const code = this.fact("Your invite code");
    await expect(code).toHaveText(/^[A-Z0-9]{6}$/);
    return (await code.textContent())!;
  }

  async activateCode(code: string): Promise<void> {
    await this.inviteCodeInput.fill(code);
    await this.activate.click();
  }
}
