import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, webhookHeaders } from "./webhook-signature";

describe("Standard Webhooks signatures", () => {
  it("generates whsec_ secrets of 24 random bytes", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it("signs id.timestamp.body so that the standardwebhooks package verifies it", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: "user.created", timestamp: "2026-11-30T00:00:00.000Z", data: { user: { id: "1" } } });
    const headers = webhookHeaders({ secret, id: "msg_1", timestamp: new Date(), body });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it("uses the attempt's time: an old timestamp is refused by the receiver", () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders({ secret, id: "msg_2", timestamp: new Date(Date.now() - 3_600_000), body: "{}" });
    expect(() => new Webhook(secret).verify("{}", headers)).toThrow(/timestamp/i);
  });
});
