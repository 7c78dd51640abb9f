import { type ErrorCode, errorCodes } from "./error-codes";

export interface FieldError {
  path: string;
  message: string;
}

interface ApiErrorOptions {
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

  constructor(code: ErrorCode, detail: string, options: ApiErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.code = code;
    this.status = errorCodes[code].status;
    if (options.retryAfter !== undefined) this.retryAfter = Math.max(1, Math.ceil(options.retryAfter));
    if (options.errors) this.errors = options.errors;
  }
}
