import { randomInt } from "node:crypto";
import { type APIRequestContext, type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { ProfilePage } from "./pages/profile-page";
import { BASE_URL } from "./support/settings";

export { expect };

/** A Russian mobile number nobody else in this run uses (10 million to pick from). */
export function uniquePhone(): string {
  return `+7999${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
}

/** Every request of a context must go to the app's own origin; others are aborted and remembered. */
async function keepToOrigin(context: BrowserContext, offsite: string[]): Promise<void> {
  const origin = new URL(BASE_URL).origin;
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offsite.push(url);
    return route.abort("blockedbyclient");
  });
}

/** Uncaught errors and Content-Security-Policy violations (Chromium reports those on the console). */
function watchPage(page: Page, errors: string[]): void {
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content[ -]Security[ -]Policy/i.test(message.text())) errors.push(`CSP: ${message.text()}`);
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  login: LoginPage;
  profile: ProfilePage;
}

export interface SignedUpAccount {
  phone: string;
  accessToken: string;
  profile: { inviteCode: string; activatedInviteCode: string | null };
}

/** Seeding through the API with bearer tokens, for what the test is not about. */
export class Api {
  constructor(private readonly request: APIRequestContext) {}

  async signUp(phone = uniquePhone()): Promise<SignedUpAccount> {
    expect((await this.request.post("/api/v1/auth/code", { data: { phone } })).status()).toBe(200);
    const outbox = await (await this.request.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).json();
    const verified = await this.request.post("/api/v1/auth/verify", { data: { phone, code: outbox.messages[0].code } });
    expect(verified.status()).toBe(200);
    const body = await verified.json();
    return { phone, accessToken: body.accessToken, profile: body.profile };
  }

  async activate(account: SignedUpAccount, code: string): Promise<void> {
    const response = await this.request.post("/api/v1/profile/invite-code", {
      data: { code },
      headers: { authorization: `Bearer ${account.accessToken}` },
    });
    expect(response.status()).toBe(200);
  }
}

interface Fixtures {
  offsite: string[];
  /** Uncaught errors and CSP violations in any page of the test (React reports hydration mismatches this way too). */
  pageErrors: string[];
  login: LoginPage;
  profile: ProfilePage;
  /** Another person: a separate browser context (own cookies), kept to the origin like the first. */
  newPerson: () => Promise<Person>;
  api: Api;
}

export const test = base.extend<Fixtures>({
  offsite: async ({}, use) => {
    const offsite: string[] = [];
    await use(offsite);
    expect(offsite, "requests that left the app's origin").toEqual([]);
  },
  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, "uncaught errors in the pages").toEqual([]);
  },
  context: async ({ context, offsite, pageErrors }, use) => {
    await keepToOrigin(context, offsite);
    context.on("page", (page) => watchPage(page, pageErrors));
    await use(context);
  },
  login: async ({ page }, use) => use(new LoginPage(page)),
  profile: async ({ page }, use) => use(new ProfilePage(page)),
  newPerson: async ({ browser, offsite, pageErrors }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL: BASE_URL });
      contexts.push(context);
      await keepToOrigin(context, offsite);
      const page = await context.newPage();
      watchPage(page, pageErrors);
      return { context, page, login: new LoginPage(page), profile: new ProfilePage(page) };
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
  api: async ({ playwright }, use) => {
    // A request context of its own, so that seeding never shares the browser's cookies.
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    await use(new Api(request));
    await request.dispose();
  },
});
