/** The fields of a refused sign-in request that the page branches on (never its `detail`). */
export interface RefusalFields {
  code: string;
  /** `rate_limited`: which limit (`otp_resend` is the per-phone cooldown). */
  limit?: string;
  /** `invalid_code`: tries left for this code. */
  attemptsLeft?: number;
  /** Seconds, from `Retry-After`. */
  retryAfter?: number;
}

/**
 * What the page does when "Get code" is refused: the resend cooldown means a code was sent a moment ago (maybe
 * before a reload or in a closed tab), so the page shows the Code field with the countdown instead of an error.
 */
export function codeRequestOutcome(refusal: RefusalFields): { kind: "cooldown"; seconds: number } | { kind: "error" } {
  if (refusal.code === "rate_limited" && refusal.limit === "otp_resend") return { kind: "cooldown", seconds: refusal.retryAfter ?? 0 };
  return { kind: "error" };
}

/**
 * What the page does when a code is refused: another try, or no more tries for this code (Sign in is disabled
 * and the page points at "Send a new code", counting down to when it can be asked for).
 */
export function verifyOutcome(refusal: RefusalFields): { kind: "retry" } | { kind: "new-code-needed"; seconds?: number } | { kind: "error" } {
  if (refusal.code === "invalid_code") return refusal.attemptsLeft === undefined || refusal.attemptsLeft > 0 ? { kind: "retry" } : { kind: "new-code-needed" };
  if (refusal.code === "too_many_attempts") return { kind: "new-code-needed", seconds: refusal.retryAfter };
  return { kind: "error" };
}
