// problem+json answers, apart from the error mapper and its logger: proxy.ts and the server hooks use them too.
import type { ApiError, FieldError, ProblemExtensions } from "@/lib/errors/api-error";
import { type ErrorCode, errorCodes, errorTypeBase } from "@/lib/errors/error-codes";

export interface ProblemBody extends ProblemExtensions {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId?: string;
}

export function problemBody(code: ErrorCode, detail: string, errors?: FieldError[], extensions: ProblemExtensions = {}): ProblemBody {
  const { status, title } = errorCodes[code];
  return { type: `${errorTypeBase}${code.replaceAll("_", "-")}`, title, status, detail, code, ...(errors ? { errors } : {}), ...extensions };
}

export function problemResponse(
  error: ApiError,
  init: { requestId?: string; headers?: HeadersInit } = {},
): Response {
  const body = problemBody(error.code, error.message, error.errors, error.extensions);
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/problem+json; charset=utf-8");
  headers.set("cache-control", "no-store");
  if (error.retryAfter !== undefined) headers.set("retry-after", String(error.retryAfter));
  if (init.requestId) headers.set("x-request-id", init.requestId);
  return new Response(JSON.stringify({ ...body, ...(init.requestId ? { requestId: init.requestId } : {}) }), {
    status: body.status,
    headers,
  });
}
