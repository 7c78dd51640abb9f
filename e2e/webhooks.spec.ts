import { Webhook } from "standardwebhooks";
import { WebhookReceiver } from "../tests/helpers/webhook-receiver";
import { expect, test } from "./fixtures";
import { adminCookie } from "./support/admin-cookie";

test.describe("webhooks", () => {
  test("the administrator adds an endpoint, sees its secret once, sends a test and sees the delivery, then deletes it after a confirmation", async ({ page, context }) => {
    const receiver = await new WebhookReceiver().start();
    try {
      await context.addCookies(adminCookie());
      await page.goto("/admin");
      const section = page.getByRole("region", { name: "Webhooks" });
      await expect(section.getByRole("heading", { name: "Webhooks", level: 2 })).toBeVisible();

      await section.getByLabel("Endpoint URL").fill(receiver.url);
      await section.getByLabel("Description").fill("e2e receiver");
      await section.getByRole("checkbox", { name: "user.deleted" }).uncheck();
      const created = page.waitForResponse((response) => response.url().endsWith("/api/v1/admin/webhooks") && response.request().method() === "POST");
      // Tried again while a click before hydration only reloads the page.
      await expect(async () => {
        await section.getByRole("button", { name: "Add endpoint" }).click();
        await expect(section.getByLabel("Signing secret")).toBeVisible({ timeout: 2_000 });
      }).toPass();
      expect((await created).status()).toBe(201);
      const secret = (await section.getByLabel("Signing secret").textContent()) ?? "";
      expect(secret).toMatch(/^whsec_/);
      await expect(section.getByText("shown only this once")).toBeVisible();

      const row = section.getByRole("table", { name: "Webhook endpoints" }).getByRole("row").filter({ hasText: receiver.url });
      await expect(row).toContainText("Enabled");
      await expect(row).toContainText("user.created, invite.activated, user.phone_changed, user.blocked, user.unblocked");

      await row.getByRole("button", { name: "Send test" }).click();
      const deliveries = section.getByRole("table", { name: "Deliveries" });
      await expect(deliveries.getByRole("row").filter({ hasText: "webhook.test" })).toContainText("Succeeded", { timeout: 15_000 });
      await expect(deliveries.getByRole("row").filter({ hasText: "webhook.test" })).toContainText("HTTP 204");

      const [request] = await receiver.waitFor(1);
      expect(new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).toMatchObject({ type: "webhook.test" });

      // The secret is not shown again.
      await page.reload();
      await expect(section.getByRole("table", { name: "Webhook endpoints" }).getByRole("row").filter({ hasText: receiver.url })).toBeVisible();
      await expect(section.getByLabel("Signing secret")).toHaveCount(0);
      expect(await page.content()).not.toContain(secret);

      // Delete asks first; Escape keeps the endpoint, the dialog's button deletes it.
      const endpoints = section.getByRole("table", { name: "Webhook endpoints" });
      await endpoints.getByRole("row").filter({ hasText: receiver.url }).getByRole("button", { name: "Delete", exact: true }).click();
      const question = section.getByRole("alertdialog", { name: `Delete the endpoint ${receiver.url}?` });
      await expect(question.getByRole("button", { name: "Delete", exact: true })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(question).toHaveCount(0);
      await endpoints.getByRole("row").filter({ hasText: receiver.url }).getByRole("button", { name: "Delete", exact: true }).click();
      const deleted = page.waitForResponse((response) => /\/api\/v1\/admin\/webhooks\/[^/]+$/.test(response.url()) && response.request().method() === "DELETE");
      await question.getByRole("button", { name: "Delete", exact: true }).click();
      expect((await deleted).status()).toBe(204);
      await expect(section.getByRole("row").filter({ hasText: receiver.url })).toHaveCount(0);
    } finally {
      await receiver.stop();
    }
  });
});
