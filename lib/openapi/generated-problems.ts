import type { ErrorCode } from "@/lib/errors/error-codes";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/read-body";
import { type DocumentedRouteConfig, isUnsafeMethod } from "./route-config";

/** One reason for an error code, as the response's description names it: "`code`: why." */
export interface ProblemReason {
  code: ErrorCode;
  why: string;
}

/**
 * The problem answers `route()` gives by itself, from its configuration; each is one shared response
 * (`#/components/responses/<name>`). A route's `@openapi` block documents only its domain errors.
 */
export const sharedProblems = {
  Unauthorized: {
    status: "401",
    reasons: [
      { code: "unauthorized", why: "no credentials, or an `Authorization` header that is not `Bearer <accessToken>`" },
      { code: "invalid_token", why: "the access token is invalid or expired, or its session has ended" },
    ],
  },
  NotAdministrator: { status: "403", reasons: [{ code: "forbidden", why: "the account is not an administrator" }] },
  CrossSiteRequest: {
    status: "403",
    reasons: [{ code: "csrf_rejected", why: "a request authenticated by cookie came from another site (API clients send `Authorization: Bearer`)" }],
  },
  InvalidPathParameters: { status: "400", reasons: [{ code: "validation_error", why: "a path parameter is malformed" }] },
  InvalidQuery: {
    status: "400",
    reasons: [{ code: "validation_error", why: "a query parameter is missing, unknown, repeated or invalid (listed in `errors`)" }],
  },
  InvalidBody: {
    status: "400",
    reasons: [
      { code: "validation_error", why: "the body has missing, unknown or invalid fields (listed in `errors`)" },
      { code: "invalid_json", why: "the body is not valid JSON" },
    ],
  },
  PayloadTooLarge: { status: "413", reasons: [{ code: "payload_too_large", why: `the body is over ${MAX_JSON_BODY_BYTES / 1024} KiB` }] },
  UnsupportedMediaType: { status: "415", reasons: [{ code: "unsupported_media_type", why: "the body is not `application/json`" }] },
  DatabaseUnavailable: {
    status: "503",
    reasons: [{ code: "service_unavailable", why: "the database does not answer; try again after `Retry-After` seconds" }],
  },
} as const satisfies Record<string, { status: string; reasons: readonly ProblemReason[] }>;

export type SharedProblem = keyof typeof sharedProblems;

/**
 * The shared problems of a `route()` handler: authentication (401, 403 for administrators and for cookie requests
 * that change data), parameter, query and body validation (400, 413, 415), and the database every such handler
 * opens before anything else (503).
 */
export function impliedProblems(config: DocumentedRouteConfig, method: string): SharedProblem[] {
  const auth = config.auth ?? "none";
  const problems: SharedProblem[] = [];
  if (auth === "user" || auth === "admin" || (auth === "optional" && !config.ignoreInvalidToken)) problems.push("Unauthorized");
  if (auth === "admin") problems.push("NotAdministrator");
  if (auth !== "none" && isUnsafeMethod(method)) problems.push("CrossSiteRequest");
  // With paramsNotFound a refused path value is the route's own 404, which its block documents.
  if (config.params && config.paramsNotFound === undefined) problems.push("InvalidPathParameters");
  if (config.query) problems.push("InvalidQuery");
  if (config.body) problems.push("InvalidBody", "PayloadTooLarge", "UnsupportedMediaType");
  problems.push("DatabaseUnavailable");
  return problems;
}

/** "`code`: why, or why. `other`: why." with the reasons of one code together, in their first order. */
export function describeReasons(reasons: readonly ProblemReason[]): string {
  const whys = new Map<ErrorCode, string[]>();
  for (const { code, why } of reasons) whys.set(code, [...(whys.get(code) ?? []), why]);
  return [...whys].map(([code, list]) => `\`${code}\`: ${list.join(", or ")}.`).join(" ");
}
