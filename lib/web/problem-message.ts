import { ApiProblem } from "./api-problem";

function wait(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} ${hours === 1 ? "hour" : "hours"}`;
}

const messages: Record<string, string> = {
  network_error: "We could not reach the server. Check your connection and try again.",
  invalid_phone: "That does not look like a phone number. Enter it with the country code, like +7 999 123-45-67.",
  sms_failed: "We could not send the SMS. Please try again in a moment.",
  account_blocked: "This account is blocked.",
  invite_code_not_found: "Nobody has this invite code. Check it and try again.",
  invite_own_code: "This is your own invite code. Enter the code of the person who invited you.",
  invite_cycle: "You cannot activate this code: its owner joined through your invitation (directly or through others).",
  invite_already_activated: "You have already activated an invite code. Only one is allowed.",
  payload_too_large: "This image is too large. Choose a picture of at most 2 MB and 16 megapixels (a progressive JPEG may need to be saved as a baseline one).",
  phone_not_allowed: "We cannot send an SMS to this number. Use a mobile number of a country this service serves.",
  last_admin: "You are the last administrator. Make someone else an administrator before you delete your account.",
  unsupported_media_type: "This file is not a picture we can use. Choose a PNG, JPEG or WebP image.",
  phone_taken: "This phone number already belongs to another account.",
  csrf_rejected: "The request was blocked because it did not come from this page. Reload the page and try again.",
};

/** An API problem in plain words, with how long to wait when the server said so. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof ApiProblem)) return "Something went wrong. Please try again.";
  const after = error.retryAfter ? ` Try again in ${wait(error.retryAfter)}.` : "";
  switch (error.code) {
    case "too_many_attempts":
      return `Too many wrong codes. Ask for a new code${error.retryAfter ? ` in ${wait(error.retryAfter)}` : ""}.`;
    case "rate_limited":
      return `${error.detail.replace(/ Please (try again later|wait before asking for another)\.$/, "")}${after || " Try again later."}`;
    case "validation_error":
      return error.options.fieldMessages?.[0] ?? error.detail;
    case "invalid_code":
      return error.detail;
    default: {
      const known = messages[error.code];
      if (known) return known + after;
      if (error.status >= 500) return `Something went wrong on our side.${after || " Please try again."}`;
      return error.detail + after;
    }
  }
}
