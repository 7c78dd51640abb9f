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
  readonly deleteAccount: Locator;
  readonly confirmDelete: Locator;
  readonly editDetails: Locator;
  readonly firstName: Locator;
  readonly lastName: Locator;
  readonly email: Locator;
  readonly save: Locator;
  readonly changeAvatar: Locator;
  readonly avatarFile: Locator;
  readonly uploadAvatar: Locator;
  readonly removeAvatar: Locator;
  readonly avatar: Locator;
  readonly changePhone: Locator;
  readonly newPhone: Locator;
  readonly sendCode: Locator;
  readonly confirmationCode: Locator;
  readonly confirmPhone: Locator;
  readonly simulatedSms: Locator;
  readonly adminLink: Locator;
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
    this.deleteAccount = page.getByRole("button", { name: "Delete account", exact: true });
    this.confirmDelete = page.getByRole("button", { name: "Yes, delete my account", exact: true });
    this.editDetails = page.getByRole("button", { name: "Edit name and e-mail", exact: true });
    this.firstName = page.getByLabel("First name", { exact: true });
    this.lastName = page.getByLabel("Last name", { exact: true });
    this.email = page.getByLabel("E-mail", { exact: true });
    this.save = page.getByRole("button", { name: "Save", exact: true });
    this.changeAvatar = page.getByRole("button", { name: "Change avatar", exact: true });
    this.avatarFile = page.getByLabel("Avatar", { exact: true });
    this.uploadAvatar = page.getByRole("button", { name: "Upload avatar", exact: true });
    this.removeAvatar = page.getByRole("button", { name: "Remove avatar", exact: true });
    this.avatar = page.getByRole("img", { name: "Your avatar", exact: true });
    this.changePhone = page.getByRole("button", { name: "Change phone number", exact: true });
    this.newPhone = page.getByLabel("New phone number", { exact: true });
    this.sendCode = page.getByRole("button", { name: "Send code", exact: true });
    this.confirmationCode = page.getByLabel("Confirmation code", { exact: true });
    this.confirmPhone = page.getByRole("button", { name: "Confirm", exact: true });
    this.simulatedSms = page.getByRole("region", { name: "Simulated SMS" });
    this.adminLink = page.getByRole("link", { name: "Administration", exact: true });
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
