import { describe, expect, it } from "vitest";
import { isPublicAddress, resolveWebhookTarget, WebhookTargetRefused } from "./webhook-target";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "fc12:3456::1",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::FFFF:127.0.0.1",
    "64:ff9b::a00:1",
    "not an address",
  ])("%s is not public", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is public", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("resolveWebhookTarget", () => {
  const resolveTo = (...addresses: string[]) => () => Promise.resolve(addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));

  it("pins the first resolved address when every address is public", async () => {
    const target = await resolveWebhookTarget({ url: "https://hooks.example.com/x?y=1", allowPrivate: false, resolve: resolveTo("93.184.215.14", "2606:4700::1") });
    expect(target).toMatchObject({ address: "93.184.215.14", family: 4 });
    expect(target.url.hostname).toBe("hooks.example.com");
  });

  it("refuses a name with any inward address, so a mixed DNS answer cannot reach inside", async () => {
    await expect(resolveWebhookTarget({ url: "https://rebind.example.com/", allowPrivate: false, resolve: resolveTo("93.184.215.14", "10.0.0.5") })).rejects.toThrow(
      "rebind.example.com resolves to 10.0.0.5, a private, loopback or reserved address.",
    );
  });

  it("allows inward addresses and http with allowPrivate, never other schemes", async () => {
    await expect(resolveWebhookTarget({ url: "http://internal.example/", allowPrivate: true, resolve: resolveTo("10.0.0.5") })).resolves.toMatchObject({ address: "10.0.0.5" });
    await expect(resolveWebhookTarget({ url: "ftp://example.com/", allowPrivate: true })).rejects.toThrow("Only http and https URLs are allowed.");
    await expect(resolveWebhookTarget({ url: "http://example.com/", allowPrivate: false })).rejects.toThrow("Only https URLs are allowed.");
  });

  it("refuses malformed URLs, credentials and names that do not resolve", async () => {
    await expect(resolveWebhookTarget({ url: "::", allowPrivate: true })).rejects.toBeInstanceOf(WebhookTargetRefused);
    await expect(resolveWebhookTarget({ url: "https://a:b@example.com/", allowPrivate: false })).rejects.toThrow("user name or password");
    await expect(resolveWebhookTarget({ url: "https://nowhere.example/", allowPrivate: false, resolve: resolveTo() })).rejects.toThrow("does not resolve");
    const failing = () => Promise.reject(new Error("ENOTFOUND"));
    await expect(resolveWebhookTarget({ url: "https://nowhere.example/", allowPrivate: false, resolve: failing })).rejects.toThrow("does not resolve");
  });

  it("takes IPv6 literals without DNS", async () => {
    await expect(resolveWebhookTarget({ url: "https://[2606:4700:4700::1111]:8443/", allowPrivate: false })).resolves.toMatchObject({ address: "2606:4700:4700::1111", family: 6 });
    await expect(resolveWebhookTarget({ url: "https://[fd00::1]/", allowPrivate: false })).rejects.toThrow("fd00::1");
  });
});
