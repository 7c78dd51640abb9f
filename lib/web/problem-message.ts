import { ApiProblem, type ProblemCode, type RateLimitName } from "@/lib/api-client/api-problem";
import type en from "@/messages/en.json";

/** A key of the `Errors` messages (messages/en.json, messages/ru.json). */
export type ErrorKey = Exclude<keyof (typeof en)["Errors"], "limit"> | `limit.${RateLimitName}`;

/**
 * Which message a refused request gets, decided by its `code` and fields (`Retry-After`, `attemptsLeft`, `limit`,
 * the path of a validation error), never by the server's `detail`: the pages word it in their language.
 */
export interface ProblemText {
  key: ErrorKey;
  values?: { count: number };
  /** Seconds to wait, said after the message (`Try again in 5 seconds.`), unless the message says it itself. */
  wait?: number;
  /** No wait is known: `Try again later.` (rate limits) or `Please try again.` (our side) follows. */
  then?: "tryLater" | "tryAgainNow";
}

/** The translator of the `Errors` messages: next-intl's `useTranslations("Errors")` or `getTranslations("Errors")`. */
export type ErrorTranslator = (key: string, values?: Record<string, string | number>) => string;

const knownCodes = new Set<string>([
  "network_error", "unexpected_response", "invalid_json", "validation_error", "invalid_phone", "phone_not_allowed",
  "invalid_cursor", "unauthorized", "invalid_token", "invalid_code", "forbidden", "account_blocked", "csrf_rejected",
  "not_found", "invite_code_not_found", "method_not_allowed", "invite_already_activated", "phone_taken", "conflict",
  "admin_self_change", "last_admin", "payload_too_large", "unsupported_media_type", "invite_own_code", "invite_cycle",
  "rate_limited", "too_many_attempts", "internal_error", "sms_failed", "service_unavailable", "webhook_url_not_allowed",
] satisfies (ProblemCode | "webhook_url_not_allowed")[]);

const rateLimitNames = new Set<string>([
  "otp_resend", "otp_per_network", "otp_per_phone", "failed_codes_per_network", "failed_codes_per_phone", "sms_budget",
  "phone_changes", "avatar_uploads", "failed_activations", "token_refreshes",
] satisfies RateLimitName[]);

/** Fields whose validation error has words of its own. */
const fieldKeys: Record<string, ErrorKey> = { code: "invalid_invite_code", phone: "invalid_phone", email: "invalid_email" };

interface CodeFields {
  retryAfter?: number;
  attemptsLeft?: number;
  limit?: string;
  /** `validation_error`: the path of the first field refused. */
  field?: string;
}

/** The message for a code alone (an unknown one gets a general message), as /profile words the outcome of ?ref=. */
export function codeText(code: string, { retryAfter, attemptsLeft, limit, field }: CodeFields = {}): ProblemText {
  if (!knownCodes.has(code)) return { key: "unexpected_response" };
  const wait = retryAfter && retryAfter > 0 ? retryAfter : undefined;
  switch (code) {
    case "invalid_code":
      if (attemptsLeft === undefined) return { key: "invalid_code", wait };
      return attemptsLeft > 0 ? { key: "invalid_code_left", values: { count: attemptsLeft }, wait } : { key: "invalid_code_last", wait };
    case "too_many_attempts":
      // The message itself says when: "Ask for a new code in 42 seconds."
      return wait ? { key: "too_many_attempts_in", wait } : { key: "too_many_attempts" };
    case "rate_limited": {
      const key: ErrorKey = limit && rateLimitNames.has(limit) ? (`limit.${limit}` as ErrorKey) : "rate_limited";
      return wait ? { key, wait } : { key, then: "tryLater" };
    }
    case "internal_error":
    case "service_unavailable":
      return wait ? { key: code, wait } : { key: code, then: "tryAgainNow" };
    case "validation_error":
      return { key: field && Object.hasOwn(fieldKeys, field) ? fieldKeys[field]! : "validation_error", wait };
    default:
      return { key: code as ErrorKey, wait };
  }
}

/** The message for anything a page's API call threw. */
export function problemText(error: unknown): ProblemText {
  if (!(error instanceof ApiProblem)) return { key: "unexpected_response" };
  const { code, status, retryAfter, attemptsLeft, limit, errors } = error;
  // An answer that is not problem+json from a failing server (a proxy's 502) is still our side.
  if (code === "unexpected_response" && status >= 500) return codeText("internal_error", { retryAfter });
  return codeText(code, { retryAfter, attemptsLeft, limit, field: errors[0]?.path });
}

/** `42 seconds`, `50 minutes`, `2 hours`, in the translator's language. */
function waitText(seconds: number, t: ErrorTranslator): string {
  if (seconds < 60) return t("seconds", { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return t("minutes", { count: minutes });
  return t("hours", { count: Math.ceil(minutes / 60) });
}

/** Words a {@link ProblemText} with the `Errors` messages of the page's language. */
export function wordProblem(text: ProblemText, t: ErrorTranslator): string {
  const wait = text.wait ? waitText(text.wait, t) : undefined;
  const message = t(text.key, { ...text.values, ...(text.key === "too_many_attempts_in" && wait ? { wait } : {}) });
  if (text.key === "too_many_attempts_in") return message;
  if (wait) return `${message} ${t("tryAgainIn", { wait })}`;
  return text.then ? `${message} ${t(text.then)}` : message;
}

/** next-intl's typed translator of the `Errors` messages, as {@link wordProblem} takes it (keys: {@link ErrorKey}). */
export function errorTranslator(t: (key: never, values?: never) => string): ErrorTranslator {
  return (key, values) => t(key as never, values as never);
}
