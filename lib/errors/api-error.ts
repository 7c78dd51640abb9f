import { type ErrorCode, errorCodes, type RateLimitName } from "./error-codes";

export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 extension members: what a client needs beyond `code`, so that it never reads `detail`. */
export interface ProblemExtensions {
  /** `invalid_code`: tries left for this code (0 when it is used up, expired or was never sent). */
  attemptsLeft?: number;
  /** `rate_limited`: the limit that was reached. */
  limit?: RateLimitName;
}

interface ApiErrorOptions extends ProblemExtensions {
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  errors?: FieldError[];
  cause?: unknown;
}

/** A failure the client should see as it is: the mapper turns it into problem+json. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryAfter?: number;
  readonly errors?: FieldError[];
  readonly extensions: ProblemExtensions;

  constructor(code: ErrorCode, detail: string, options: ApiErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.code = code;
    this.status = errorCodes[code].status;
    if (options.retryAfter !== undefined) this.retryAfter = Math.max(1, Math.ceil(options.retryAfter));
    if (options.errors) this.errors = options.errors;
    const { attemptsLeft, limit } = options;
    this.extensions = { ...(attemptsLeft !== undefined ? { attemptsLeft } : {}), ...(limit ? { limit } : {}) };
  }
}
