import { expect, test } from "./fixtures";

// The fixtures fail the test on any request that leaves the origin, any uncaught error and any CSP violation.
test("ReDoc renders every operation from our own origin", async ({ page }) => {
  const response = await page.goto("/redoc");
  expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/phone/i, { timeout: 20_000 });
  await expect(page.getByText("/api/v1/profile/invite-code").first()).toBeAttached();
  await expect(page.getByText("/api/v1/admin/stats").first()).toBeAttached();
});
