import { ZodError } from "zod";
import { logger } from "@/lib/log/logger";
import { ApiError, type FieldError } from "./api-error";
import { problemResponse } from "./problem-response";

export { problemBody, type ProblemBody, problemResponse } from "./problem-response";

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...base, key].join("."), message: "Unknown field." }));
    }
    return [{ path: base.join(".") || "(root)", message: issue.message }];
  });
}

const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  // The server answers but will not let us in: the database is missing (being created or restored) or the
  // credentials are refused. Not the client's fault, so 503 and a readiness failure rather than a 500.
  "3D000", // invalid_catalog_name
  "28000", // invalid_authorization_specification
  "28P01", // invalid_password
]);

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current && chain.length < 8) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True when the database could not be reached, as opposed to a query that failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some((link) => {
    const code = errorCodeOf(link);
    if (code && (connectionErrorCodes.has(code) || code.startsWith("08"))) return true;
    return link instanceof AggregateError && link.errors.some(isDatabaseUnavailable);
  });
}

/** PostgreSQL gave up one of two transactions that waited on each other (deadlock_detected): try it again. */
export function isDeadlock(error: unknown): boolean {
  return errorChain(error).some((link) => errorCodeOf(link) === "40P01");
}

/** PostgreSQL's unique_violation, wherever the driver wrapped it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return errorChain(error).some(
    (link) =>
      errorCodeOf(link) === "23505" &&
      (!constraint || (link as { constraint_name?: string; constraint?: string }).constraint_name === constraint ||
        (link as { constraint?: string }).constraint === constraint),
  );
}

/** The one mapper from anything thrown to the answer the client sees. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) {
    return new ApiError("validation_error", "The request has invalid or missing fields.", {
      errors: zodFieldErrors(error),
    });
  }
  if (isDatabaseUnavailable(error)) {
    return new ApiError("service_unavailable", "The database is unavailable. Please try again shortly.", {
      retryAfter: 5,
      cause: error,
    });
  }
  if (isUniqueViolation(error)) {
    return new ApiError("conflict", "The request conflicts with the current state. Please try again.", { cause: error });
  }
  return new ApiError("internal_error", "Something went wrong on our side. Please try again.", { cause: error });
}

export function errorToResponse(error: unknown, requestId?: string): Response {
  const apiError = toApiError(error);
  if (apiError.status >= 500) {
    const cause = apiError.code === "internal_error" ? error : apiError.cause;
    logger().error({ requestId, err: cause, errorCode: apiError.code }, "request failed");
  }
  return problemResponse(apiError, { requestId });
}
