import { z } from "zod";
import { webhookDeliveryStatuses } from "@/db/schema";
import { webhookEventTypes } from "./event-types";

export const webhookEventType = z.enum(webhookEventTypes).describe("An event type.").meta({ id: "WebhookEventType" });

const url = z
  .url({ protocol: /^https?$/, error: "Expected an http(s) URL." })
  .max(2000)
  .describe("Where events are POSTed. `https` only, unless the server allows private networks.")
  .meta({ example: "https://crm.example.com/hooks/referrals" });
const events = z
  .array(webhookEventType)
  .min(1, "Choose at least one event.")
  .max(webhookEventTypes.length)
  .refine((list) => new Set(list).size === list.length, "List each event once.")
  .describe("The events sent to this endpoint (`webhook.test` is sent on request whatever the list).");
const description = z.string().trim().max(200).nullable().describe("A note for administrators.").meta({ example: "CRM sync" });

export const createWebhookBody = z
  .strictObject({ url, events, description: description.optional() })
  .meta({ id: "CreateWebhookRequest" });
export type CreateWebhookInput = z.output<typeof createWebhookBody>;

export const updateWebhookBody = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    enabled: z.boolean().optional().describe("Enable (clearing the failure record) or disable the endpoint."),
  })
  .meta({ id: "UpdateWebhookRequest" });
export type UpdateWebhookChanges = z.output<typeof updateWebhookBody>;

export const webhookEndpoint = z
  .object({
    id: z.string().meta({ example: "5b0e9c1e-2f7d-4d8e-9f65-0a1c2b3d4e5f" }),
    url: z.string().meta({ example: "https://crm.example.com/hooks/referrals" }),
    events: z.array(webhookEventType),
    description: z.string().nullable(),
    enabled: z.boolean().describe("Disabled endpoints get no new events and no attempts."),
    disabledReason: z
      .string()
      .nullable()
      .describe("Why the endpoint is disabled: by an administrator, or automatically after failing for WEBHOOK_DISABLE_AFTER_HOURS."),
    failingSince: z.iso.datetime().nullable().describe("The first failed attempt since the last success; null while healthy."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpointView = z.infer<typeof webhookEndpoint>;

export const webhookEndpointWithSecret = webhookEndpoint
  .extend({
    secret: z
      .string()
      .describe("The signing secret (`whsec_` and base64). Shown only when the endpoint is created and when the secret is rotated.")
      .meta({ example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }),
  })
  .meta({ id: "WebhookEndpointWithSecret" });
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecret>;

export const webhookEndpointList = z
  .object({ items: z.array(webhookEndpoint).describe("Oldest first.") })
  .meta({ id: "WebhookEndpointList" });

export const webhookDelivery = z
  .object({
    id: z.string(),
    eventId: z.string().describe("Sent as `webhook-id`; the same on every attempt."),
    eventType: webhookEventType,
    status: z.enum(webhookDeliveryStatuses).describe("`pending` until an attempt succeeds or the retry schedule is used up."),
    attempts: z.number().int().describe("Attempts made so far."),
    lastStatusCode: z.number().int().nullable().describe("The HTTP status of the last answer; null when none came."),
    lastError: z.string().nullable().describe("Why the last attempt failed (timeout, connection refused, HTTP 500, address not allowed)."),
    lastResponse: z.string().nullable().describe("The start (up to 1 KB) of the last answer's body."),
    lastAttemptAt: z.iso.datetime().nullable(),
    nextAttemptAt: z.iso.datetime().nullable().describe("When the next attempt is due; null once finished."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDeliveryView = z.infer<typeof webhookDelivery>;

export const webhookDeliveryPage = z
  .object({
    items: z.array(webhookDelivery).describe("Newest first."),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  })
  .meta({ id: "WebhookDeliveryPage" });
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPage>;

export const webhookDeliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("Page size, 1–100 (default 20)."),
  cursor: z.string().max(40).optional().describe("The `nextCursor` of the previous page."),
});
export type WebhookDeliveriesQuery = z.output<typeof webhookDeliveriesQuery>;
