import { expect, test, uniquePhone } from "./fixtures";
import { OTP_RESEND_SECONDS } from "./support/settings";

test.describe("sessions", () => {
  test("the profile lists the devices signed in, and Sign out other devices ends the others", async ({ page, login, newPerson }) => {
    const phone = uniquePhone();
    await login.goto();
    await login.signInAs(phone);
    const signedInAt = Date.now();

    // The same account on another device (a separate browser context), once the resend cooldown has passed.
    const other = await newPerson();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, signedInAt + OTP_RESEND_SECONDS * 1000 + 250 - Date.now())));
    await other.login.goto();
    await other.login.signInAs(phone);

    await page.reload();
    const section = page.getByRole("region", { name: "Sessions" });
    const list = section.getByRole("list", { name: "Sessions" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expect(list.getByRole("listitem").filter({ hasText: "(this device)" })).toHaveCount(1);
    // localhost: 127.0.0.1 or ::1, shown coarsened.
    await expect(list).toContainText(/127\.0\.0\.0\/24|::\/48/);

    await section.getByRole("button", { name: "Sign out other devices" }).click();
    await expect(section.getByRole("status")).toHaveText("Every other device is signed out.");
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(section.getByRole("button", { name: "Sign out other devices" })).toBeDisabled();

    // The other device's session is over: its next page load goes to /login, which says why.
    await other.page.goto("/profile");
    await expect(other.page).toHaveURL(/\/login\?reason=session-ended$/);
    await expect(other.page.getByText("Your session has ended.")).toBeVisible();
    // This one still works.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  });
});
