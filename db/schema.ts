import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    phone: text("phone").notNull().unique("users_phone_unique"),
    inviteCode: text("invite_code").notNull().unique("users_invite_code_unique"),
    // The referral link: who invited this user, and the code text kept even if that account is deleted.
    referrerId: uuid("referrer_id"),
    activatedInviteCode: text("activated_invite_code"),
    // The root of this user's referral tree, null when the user is a root. Makes the loop check of an activation
    // one lookup (lib/invites/activate-invite-code.ts); kept by activations and deletions under the graph lock.
    rootId: uuid("root_id"),
    activatedAt: timestamp("activated_at", { withTimezone: true, mode: "date" }),
    // How many users name this one as referrer_id; kept by the users_count_* triggers (drizzle/0001).
    inviteeCount: integer("invitee_count").notNull().default(0),
    isAdmin: boolean("is_admin").notNull().default(false),
    isBlocked: boolean("is_blocked").notNull().default(false),
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    avatarId: uuid("avatar_id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.referrerId], foreignColumns: [t.id], name: "users_referrer_fk" }).onDelete("set null"),
    check("users_not_own_referrer", sql`${t.referrerId} <> ${t.id}`),
    check("users_invite_code_format", sql`${t.inviteCode} ~ '^[A-Z0-9]{6}$'`),
    check(
      "users_activation_complete",
      sql`(${t.activatedInviteCode} IS NULL) = (${t.activatedAt} IS NULL)`,
    ),
    // Invitee pages: newest first with a stable tie-breaker, keyset pagination.
    index("users_referrer_activated_idx").on(t.referrerId, t.activatedAt.desc(), t.id.desc()),
    index("users_created_at_idx").on(t.createdAt.desc(), t.id.desc()),
    // The admin's top referrers, read off the counter instead of grouping every user.
    index("users_top_referrers_idx")
      .on(t.inviteeCount.desc(), t.createdAt, t.id)
      .where(sql`${t.inviteeCount} > 0`),
    check("users_invitee_count_not_negative", sql`${t.inviteeCount} >= 0`),
    // An activation moves the tree rooted at the activating user: `WHERE root_id = <that user>`.
    index("users_root_idx").on(t.rootId).where(sql`${t.rootId} IS NOT NULL`),
    // The few administrators, counted before the last one could go (lib/users/assert-not-last-admin.ts).
    index("users_admin_idx").on(t.id).where(sql`${t.isAdmin}`),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * Users and activations counted per UTC sign-up day, so the admin's totals and sign-ups per day never scan
 * the users table. Kept by the users_count_* triggers (drizzle/0001): each change adds to one of 16 rows
 * of its day, picked at random, so simultaneous sign-ups do not queue on one row lock. `users` is the number
 * of existing accounts created that day, `activations` how many of them activated a code; sum the shards.
 */
export const userStats = pgTable(
  "user_stats",
  {
    day: date("day", { mode: "string" }).notNull(),
    shard: smallint("shard").notNull(),
    users: integer("users").notNull().default(0),
    activations: integer("activations").notNull().default(0),
  },
  (t) => [primaryKey({ name: "user_stats_pk", columns: [t.day, t.shard] })],
);

/**
 * Facts about this database that must hold once, ever: a row's presence is the fact. `first_admin_granted`:
 * the first-account rule has fired (or the database had accounts before the rule was kept here), so no later
 * sign-up becomes administrator by being first.
 */
export const appFlags = pgTable("app_flags", {
  name: text("name").primaryKey(),
  setAt: timestamp("set_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const otpPurposes = ["sign_in", "phone_change"] as const;
export type OtpPurpose = (typeof otpPurposes)[number];

export const otpCodes = pgTable(
  "otp_codes",
  {
    purpose: text("purpose", { enum: otpPurposes }).notNull(),
    phone: text("phone").notNull(),
    // Empty for sign-in; the requesting user's id for a phone change, so two users can each confirm the same number.
    subject: text("subject").notNull().default(""),
    codeHash: text("code_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    consumedAt: timestamp("consumed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: "otp_codes_pk", columns: [t.purpose, t.phone, t.subject] })],
);
export type OtpCode = typeof otpCodes.$inferSelect;

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;

// Every refresh token a session was ever given: the session is the rotation family.
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    rotatedAt: timestamp("rotated_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("refresh_tokens_session_idx").on(t.sessionId)],
);

export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("rate_limits_expires_idx").on(t.expiresAt)],
);

export const smsOutbox = pgTable(
  "sms_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    phone: text("phone").notNull(),
    text: text("text").notNull(),
    code: text("code"),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("sms_outbox_phone_sent_idx").on(t.phone, t.sentAt.desc())],
);

export const avatars = pgTable(
  "avatars",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    contentType: text("content_type").notNull(),
    data: bytea("data").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("avatars_user_idx").on(t.userId)],
);

/** Where events are sent. `failing_since`: the first failed attempt since the last success (lib/webhooks). */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  events: text("events").array().notNull(),
  description: text("description"),
  // `whsec_` and the base64 key: the receiver needs it as it is to verify signatures, so it is not hashed.
  secret: text("secret").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  disabledReason: text("disabled_reason"),
  failingSince: timestamp("failing_since", { withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/** The transactional outbox: written in the transaction of the change; `payload` is the exact body sent. */
export const webhookEvents = pgTable("webhook_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  type: text("type").notNull(),
  payload: text("payload").notNull(),
  createdAt: createdAt(),
});

export const webhookDeliveryStatuses = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/**
 * One event for one endpoint. A worker claims a due row by setting `lease_expires_at` (and counting the attempt)
 * under FOR UPDATE SKIP LOCKED; a worker that dies mid-attempt leaves a lease that runs out, and the row is
 * claimed again, with the same webhook-id. `seq` orders the admin's pages newest first.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    status: text("status", { enum: webhookDeliveryStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "date" }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastResponse: text("last_response"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // The worker's claim: due rows of one endpoint, oldest first.
    index("webhook_deliveries_due_idx").on(t.endpointId, t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    // Attempts in flight per endpoint, counted by every claim to bound the endpoint's concurrency.
    index("webhook_deliveries_leased_idx").on(t.endpointId).where(sql`${t.status} = 'pending' AND ${t.leaseExpiresAt} IS NOT NULL`),
    index("webhook_deliveries_endpoint_seq_idx").on(t.endpointId, t.seq.desc()),
    index("webhook_deliveries_event_idx").on(t.eventId),
    index("webhook_deliveries_finished_idx").on(t.updatedAt).where(sql`${t.status} <> 'pending'`),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/**
 * The keys that sign access tokens (lib/signing-keys). The newest by creation signs; every row is published at
 * /.well-known/jwks.json until `npm run keys -- prune` drops it. The private JWK is AES-256-GCM encrypted with
 * a key derived from JWT_SECRET (lib/signing-keys/key-encryption.ts): a copy of the table signs nothing.
 */
export const signingKeys = pgTable("signing_keys", {
  kid: text("kid").primaryKey(),
  algorithm: text("algorithm").notNull(),
  publicJwk: jsonb("public_jwk").$type<Record<string, string>>().notNull(),
  privateJwkEncrypted: text("private_jwk_encrypted").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().default(sql`clock_timestamp()`),
});
export type SigningKey = typeof signingKeys.$inferSelect;
