import { describe, expect, it } from "vitest";
import { ApiProblem } from "./api-problem";
import { normalizeRefCode } from "./normalize-ref-code";
import { problemMessage } from "./problem-message";

describe("problemMessage", () => {
  it.each([
    [new ApiProblem(0, "network_error", "x"), "We could not reach the server. Check your connection and try again."],
    [new ApiProblem(400, "invalid_phone", "x"), "That does not look like a phone number. Enter it with the country code, like +7 999 123-45-67."],
    [new ApiProblem(401, "invalid_code", "The code is wrong. 2 tries left."), "The code is wrong. 2 tries left."],
    [new ApiProblem(429, "too_many_attempts", "x", { retryAfter: 42 }), "Too many wrong codes. Ask for a new code in 42 seconds."],
    [new ApiProblem(429, "too_many_attempts", "x"), "Too many wrong codes. Ask for a new code."],
    [
      new ApiProblem(429, "rate_limited", "A code was sent to this number a moment ago. Please wait before asking for another.", { retryAfter: 1 }),
      "A code was sent to this number a moment ago. Try again in 1 second.",
    ],
    [
      new ApiProblem(429, "rate_limited", "Too many codes requested for this number this hour. Please try again later.", { retryAfter: 3000 }),
      "Too many codes requested for this number this hour. Try again in 50 minutes.",
    ],
    [new ApiProblem(429, "rate_limited", "Too many wrong codes for this number today. Please try again later.", { retryAfter: 7200 }), "Too many wrong codes for this number today. Try again in 2 hours."],
    [new ApiProblem(429, "rate_limited", "Slow down. Please try again later."), "Slow down. Try again later."],
    [new ApiProblem(400, "validation_error", "The request body has invalid fields.", { fieldMessages: ["An invite code is 6 letters (A–Z) and digits."] }), "An invite code is 6 letters (A–Z) and digits."],
    [new ApiProblem(400, "validation_error", "The request body has invalid fields."), "The request body has invalid fields."],
    [new ApiProblem(404, "invite_code_not_found", "x"), "Nobody has this invite code. Check it and try again."],
    [new ApiProblem(422, "invite_cycle", "x"), "You cannot activate this code: its owner joined through your invitation (directly or through others)."],
    [new ApiProblem(503, "service_unavailable", "x", { retryAfter: 5 }), "Something went wrong on our side. Try again in 5 seconds."],
    [new ApiProblem(500, "internal_error", "x"), "Something went wrong on our side. Please try again."],
    [new ApiProblem(409, "conflict", "The request conflicts with the current state."), "The request conflicts with the current state."],
    [new ApiProblem(415, "unsupported_media_type", "x"), "This file is not a picture we can use. Choose a PNG, JPEG or WebP image."],
    [new ApiProblem(400, "phone_not_allowed", "x"), "We cannot send an SMS to this number. Use a mobile number of a country this service serves."],
    [new ApiProblem(409, "last_admin", "x"), "You are the last administrator. Make someone else an administrator before you delete your account."],
    [new ApiProblem(413, "payload_too_large", "x"), "This image is too large. Choose a picture of at most 2 MB and 16 megapixels (a progressive JPEG may need to be saved as a baseline one)."],
    [new Error("boom"), "Something went wrong. Please try again."],
  ])("%o → %s", (problem, message) => {
    expect(problemMessage(problem)).toBe(message);
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
