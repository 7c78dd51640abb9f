import { ZodError } from "zod";
import { isDatabaseUnavailable, isUniqueViolation } from "@/db/errors";
import { ApiError, type FieldError } from "@/lib/errors/api-error";
import { logger } from "@/lib/log/logger";
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
