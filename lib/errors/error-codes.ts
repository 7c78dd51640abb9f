/** Every error the API answers with: one code, one status, one title. */
export const errorCodes = {
  invalid_json: { status: 400, title: "Malformed JSON" },
  validation_error: { status: 400, title: "Validation failed" },
  invalid_phone: { status: 400, title: "Invalid phone number" },
  phone_not_allowed: { status: 400, title: "Phone number not allowed" },
  invalid_cursor: { status: 400, title: "Invalid cursor" },
  unauthorized: { status: 401, title: "Authentication required" },
  invalid_token: { status: 401, title: "Invalid or expired token" },
  invalid_code: { status: 401, title: "Invalid code" },
  forbidden: { status: 403, title: "Forbidden" },
  account_blocked: { status: 403, title: "Account blocked" },
  csrf_rejected: { status: 403, title: "Cross-site request rejected" },
  not_found: { status: 404, title: "Not found" },
  invite_code_not_found: { status: 404, title: "Invite code not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  invite_already_activated: { status: 409, title: "Invite code already activated" },
  phone_taken: { status: 409, title: "Phone number taken" },
  conflict: { status: 409, title: "Conflict" },
  admin_self_change: { status: 409, title: "Cannot demote or block yourself" },
  last_admin: { status: 409, title: "Last administrator" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  invite_own_code: { status: 422, title: "Own invite code" },
  invite_cycle: { status: 422, title: "Invitation loop" },
  rate_limited: { status: 429, title: "Too many requests" },
  too_many_attempts: { status: 429, title: "Too many attempts" },
  internal_error: { status: 500, title: "Internal server error" },
  sms_failed: { status: 502, title: "SMS delivery failed" },
  service_unavailable: { status: 503, title: "Service unavailable" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** Which limit a `429 rate_limited` answer reached, named in its `limit` member so that clients need not read `detail`. */
export const rateLimitNames = [
  "otp_resend",
  "otp_per_network",
  "otp_per_phone",
  "failed_codes_per_network",
  "failed_codes_per_phone",
  "sms_budget",
  "phone_changes",
  "avatar_uploads",
  "failed_activations",
  "token_refreshes",
] as const;

export type RateLimitName = (typeof rateLimitNames)[number];

export const errorTypeBase = "https://phone-referrals.dev/problems/";
