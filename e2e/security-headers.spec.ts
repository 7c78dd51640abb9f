import { expect, test } from "./fixtures";
import { BASE_URL } from "./support/settings";

const COMMON = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  "cross-origin-opener-policy": "same-origin",
  // The e2e suite runs the production build.
  "strict-transport-security": "max-age=63072000; includeSubDomains",
};

function nonceOf(policy: string | undefined): string {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeDefined();
  return nonce ?? "";
}

test.describe("security headers", () => {
  for (const path of ["/", "/login", "/profile", "/admin"]) {
    test(`${path} has a nonce-based CSP that covers every script of the page`, async ({ request }) => {
      const first = await request.get(path, { maxRedirects: 0 });
      const second = await request.get(path, { maxRedirects: 0 });
      const headers = first.headers();
      expect(headers).toMatchObject(COMMON);
      const policy = headers["content-security-policy"] ?? "";
      const nonce = nonceOf(policy);
      expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
      expect(policy).toBe(
        `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'nonce-${nonce}'; ` +
          "img-src 'self' blob: data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
          "form-action 'self'; frame-ancestors 'none'",
      );
      if (first.status() !== 200) return;
      const html = await first.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    });
  }

  // A prefetched page is HTML (or the router's RSC payload) that the browser may show as it is: it needs the same
  // policy, with a nonce of its own that its scripts carry.
  const prefetches: [string, Record<string, string>][] = [
    ["the router's prefetch", { "next-router-prefetch": "1" }],
    ["the router's RSC prefetch", { rsc: "1", "next-router-prefetch": "1" }],
    ["a browser prefetch (Purpose)", { purpose: "prefetch" }],
    ["a browser prefetch (Sec-Purpose)", { "sec-purpose": "prefetch" }],
  ];
  for (const [name, headers] of prefetches) {
    test(`${name} gets the nonce-based CSP too`, async ({ request }) => {
      for (const path of ["/", "/login", "/profile"]) {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        const policy = response.headers()["content-security-policy"];
        const nonce = nonceOf(policy);
        expect(policy, `${path} with ${JSON.stringify(headers)}`).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
        expect(response.headers()).toMatchObject(COMMON);
        if (response.status() !== 200 || !(response.headers()["content-type"] ?? "").includes("text/html")) continue;
        const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      }
    });
  }

  test("API responses allow nothing to run or frame them", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.headers()).toMatchObject({
      ...COMMON,
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    });
  });

  test("static files carry the common headers", async ({ request }) => {
    const response = await request.get("/icon.svg");
    expect(response.status()).toBe(200);
    expect(response.headers()).toMatchObject(COMMON);
  });

  test("injected inline script does not run", async ({ browser }) => {
    // A page of its own: the CSP violation this provokes is expected, unlike in every other test.
    const context = await browser.newContext({ baseURL: BASE_URL });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content[ -]Security[ -]Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/login");
    await page.evaluate(() => {
      const box = document.createElement("div");
      box.innerHTML = `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="document.title='pwned'">`;
      document.body.append(box);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.title()).not.toBe("pwned");
    await context.close();
  });
});
