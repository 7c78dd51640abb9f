import { ApiProblem, type ProblemCode, type RateLimitName } from "@/lib/api-client/api-problem";

/** What a message may say besides its code; all numbers come from fields of the answer, never from `detail`. */
export interface MessageParams {
  /** Seconds, from `Retry-After`. */
  retryAfter?: number;
  /** `invalid_code`: tries left for the code. */
  attemptsLeft?: number;
  /** `rate_limited`: which limit was reached. */
  limit?: RateLimitName;
  /** `validation_error`: the first field's message. */
  fieldMessage?: string;
}

type Message = string | ((params: MessageParams) => string);

function wait(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} ${hours === 1 ? "hour" : "hours"}`;
}

const limits: Record<RateLimitName, string> = {
  otp_resend: "A code was sent to this number a moment ago.",
  otp_per_network: "Too many codes requested from your network this hour.",
  otp_per_phone: "Too many codes requested for this number this hour.",
  failed_codes_per_network: "Too many wrong codes for this number from your network today.",
  failed_codes_per_phone: "Too many wrong codes for this number today.",
  sms_budget: "This service has sent too many codes this hour.",
  phone_changes: "Too many phone-change requests this hour.",
  avatar_uploads: "Too many avatar uploads this hour.",
  failed_activations: "Too many invite codes that could not be activated.",
  token_refreshes: "Too many session refreshes.",
};

const ourSide = "Something went wrong on our side.";
const reload = "Reload the page and try again.";

/** One message per code, in plain words; a `Try again in …` follows any of them when the answer had Retry-After. */
const messages: Record<ProblemCode, Message> = {
  network_error: "We could not reach the server. Check your connection and try again.",
  unexpected_response: "Something went wrong. Please try again.",
  invalid_json: `The page sent a request the server could not read. ${reload}`,
  validation_error: ({ fieldMessage }) => fieldMessage ?? "Some fields are not valid. Check them and try again.",
  invalid_phone: "That does not look like a phone number. Enter it with the country code, like +7 999 123-45-67.",
  phone_not_allowed: "We cannot send an SMS to this number. Use a mobile number of a country this service serves.",
  invalid_cursor: "This list has changed. Reload the page to see it from the start.",
  unauthorized: "Your session has ended. Sign in again.",
  invalid_token: "Your session has ended. Sign in again.",
  invalid_code: ({ attemptsLeft }) =>
    attemptsLeft === undefined
      ? "The code is wrong or has expired. Request a new code."
      : attemptsLeft > 0
        ? `The code is wrong. ${attemptsLeft} ${attemptsLeft === 1 ? "try" : "tries"} left.`
        : "The code is wrong. Request a new code.",
  forbidden: "You are not allowed to do this.",
  account_blocked: "This account is blocked.",
  csrf_rejected: "The request was blocked because it did not come from this page. Reload the page and try again.",
  not_found: `We could not find what the page asked for. ${reload}`,
  invite_code_not_found: "Nobody has this invite code. Check it and try again.",
  method_not_allowed: `The page sent a request the server does not take. ${reload}`,
  invite_already_activated: "You have already activated an invite code. Only one is allowed.",
  phone_taken: "This phone number already belongs to another account.",
  conflict: `This changed at the same time somewhere else. ${reload}`,
  admin_self_change: "You cannot demote or block yourself.",
  last_admin: "You are the last administrator. Make someone else an administrator before you delete your account.",
  payload_too_large:
    "This image is too large. Choose a picture of at most 2 MB and 16 megapixels (a progressive JPEG may need to be saved as a baseline one).",
  unsupported_media_type: "This file is not a picture we can use. Choose a PNG, JPEG or WebP image.",
  invite_own_code: "This is your own invite code. Enter the code of the person who invited you.",
  invite_cycle: "You cannot activate this code: its owner joined through your invitation (directly or through others).",
  rate_limited: ({ limit, retryAfter }) => `${limit ? limits[limit] : "Too many requests."}${retryAfter ? "" : " Try again later."}`,
  too_many_attempts: ({ retryAfter }) => `Too many wrong codes. Ask for a new code${retryAfter ? ` in ${wait(retryAfter)}` : ""}.`,
  internal_error: ({ retryAfter }) => `${ourSide}${retryAfter ? "" : " Please try again."}`,
  sms_failed: "We could not send the SMS. Please try again in a moment.",
  service_unavailable: ({ retryAfter }) => `${ourSide}${retryAfter ? "" : " Please try again."}`,
};

/** Codes whose message already says how long to wait. */
const saysWhen = new Set<ProblemCode>(["too_many_attempts"]);

function isMessageCode(code: string): code is ProblemCode {
  return Object.hasOwn(messages, code);
}

/** The message for a code (an unknown one gets a general message), with how long to wait when known. */
export function codeMessage(code: string, params: MessageParams = {}): string {
  if (!isMessageCode(code)) return messages.unexpected_response as string;
  const message = messages[code];
  const text = typeof message === "string" ? message : message(params);
  return params.retryAfter && !saysWhen.has(code) ? `${text} Try again in ${wait(params.retryAfter)}.` : text;
}

/** An error thrown by the API client in plain words. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof ApiProblem)) return codeMessage("unexpected_response");
  const { code, status, retryAfter, attemptsLeft, limit, errors } = error;
  // An answer that is not problem+json from a failing server (a proxy's 502) is still our side.
  if (code === "unexpected_response" && status >= 500) return codeMessage("internal_error", { retryAfter });
  return codeMessage(code, { retryAfter, attemptsLeft, limit, fieldMessage: errors[0]?.message });
}
