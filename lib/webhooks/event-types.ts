/** Every webhook event type (the client pages import this too, so it imports nothing). */
export const webhookEventTypes = [
  "user.created",
  "invite.activated",
  "user.phone_changed",
  "user.blocked",
  "user.unblocked",
  "user.deleted",
  "webhook.test",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
