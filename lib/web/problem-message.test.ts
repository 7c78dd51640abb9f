import { describe, expect, it } from "vitest";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { normalizeRefCode } from "./normalize-ref-code";
import { codeMessage, problemMessage } from "./problem-message";

const problem = (status: number, code: ConstructorParameters<typeof ApiProblem>[0]["code"], fields: Partial<ConstructorParameters<typeof ApiProblem>[0]> = {}) =>
  // The detail is never shown: a message is decided by the code and the answer's fields.
  new ApiProblem({ status, code, detail: "A server sentence the page must not show.", ...fields });

describe("problemMessage", () => {
  it.each([
    [problem(0, "network_error"), "We could not reach the server. Check your connection and try again."],
    [problem(400, "invalid_phone"), "That does not look like a phone number. Enter it with the country code, like +7 999 123-45-67."],
    [problem(401, "invalid_code", { attemptsLeft: 2 }), "The code is wrong. 2 tries left."],
    [problem(401, "invalid_code", { attemptsLeft: 1 }), "The code is wrong. 1 try left."],
    [problem(401, "invalid_code", { attemptsLeft: 0 }), "The code is wrong. Request a new code."],
    [problem(401, "invalid_code"), "The code is wrong or has expired. Request a new code."],
    [problem(429, "too_many_attempts", { retryAfter: 42 }), "Too many wrong codes. Ask for a new code in 42 seconds."],
    [problem(429, "too_many_attempts"), "Too many wrong codes. Ask for a new code."],
    [problem(429, "rate_limited", { limit: "otp_resend", retryAfter: 1 }), "A code was sent to this number a moment ago. Try again in 1 second."],
    [problem(429, "rate_limited", { limit: "otp_per_phone", retryAfter: 3000 }), "Too many codes requested for this number this hour. Try again in 50 minutes."],
    [problem(429, "rate_limited", { limit: "failed_codes_per_phone", retryAfter: 7200 }), "Too many wrong codes for this number today. Try again in 2 hours."],
    [problem(429, "rate_limited", { limit: "avatar_uploads", retryAfter: 60 }), "Too many avatar uploads this hour. Try again in 1 minute."],
    [problem(429, "rate_limited"), "Too many requests. Try again later."],
    [problem(400, "validation_error", { errors: [{ path: "code", message: "An invite code is 6 letters (A–Z) and digits." }] }), "An invite code is 6 letters (A–Z) and digits."],
    [problem(400, "validation_error"), "Some fields are not valid. Check them and try again."],
    [problem(404, "invite_code_not_found"), "Nobody has this invite code. Check it and try again."],
    [problem(422, "invite_cycle"), "You cannot activate this code: its owner joined through your invitation (directly or through others)."],
    [problem(503, "service_unavailable", { retryAfter: 5 }), "Something went wrong on our side. Try again in 5 seconds."],
    [problem(500, "internal_error"), "Something went wrong on our side. Please try again."],
    [problem(502, "unexpected_response"), "Something went wrong on our side. Please try again."],
    [problem(418, "unexpected_response"), "Something went wrong. Please try again."],
    [problem(409, "conflict"), "This changed at the same time somewhere else. Reload the page and try again."],
    [problem(415, "unsupported_media_type"), "This file is not a picture we can use. Choose a PNG, JPEG or WebP image."],
    [problem(400, "phone_not_allowed"), "We cannot send an SMS to this number. Use a mobile number of a country this service serves."],
    [problem(409, "last_admin"), "You are the last administrator. Make someone else an administrator before you delete your account."],
    [problem(413, "payload_too_large"), "This image is too large. Choose a picture of at most 2 MB and 16 megapixels (a progressive JPEG may need to be saved as a baseline one)."],
    [problem(403, "account_blocked", { retryAfter: 30 }), "This account is blocked. Try again in 30 seconds."],
    [new Error("boom"), "Something went wrong. Please try again."],
  ])("%o → %s", (error, message) => {
    expect(problemMessage(error)).toBe(message);
  });
});

describe("codeMessage", () => {
  it("words a code alone, as /profile does for the failure code of /login?ref=", () => {
    expect(codeMessage("invite_own_code")).toBe("This is your own invite code. Enter the code of the person who invited you.");
  });

  it("answers a general message for a code it does not know, such as a hand-made query parameter", () => {
    expect(codeMessage("<script>")).toBe("Something went wrong. Please try again.");
    expect(codeMessage("toString")).toBe("Something went wrong. Please try again.");
  });
});

describe("normalizeRefCode", () => {
  it.each([
    [" k7m2qx ", "K7M2QX"],
    ["K7M2QX", "K7M2QX"],
    ["K7M2Q", undefined],
    ["K7M2QX1", undefined],
    ["K7-2QX", undefined],
    [["K7M2QX"], undefined],
    [undefined, undefined],
  ])("%o → %o", (input, expected) => {
    expect(normalizeRefCode(input)).toBe(expected);
  });
});
