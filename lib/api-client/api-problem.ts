import type { components } from "./schema.generated";

type Problem = components["schemas"]["Problem"];
export type FieldError = components["schemas"]["FieldError"];
export type RateLimitName = NonNullable<Problem["limit"]>;

/**
 * Every code a caller may see: the API's own, `network_error` when the server could not be reached and
 * `unexpected_response` when it answered an error that is not problem+json (a proxy's 502 page, say).
 */
export type ProblemCode = Problem["code"] | "network_error" | "unexpected_response";

function isProblem(body: unknown): body is Problem {
  return typeof body === "object" && body !== null && typeof (body as { code?: unknown }).code === "string";
}

/** Seconds from a `Retry-After` header given in seconds, rounded up; undefined when absent or not a number. */
function retryAfterSeconds(response: Response): number | undefined {
  const seconds = Number(response.headers.get("retry-after") ?? Number.NaN);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/**
 * An error answer of the API (RFC 9457 problem+json), or a request that got no answer (status 0). Branch on
 * `code`; the numbers a message needs are fields: `retryAfter` (the `Retry-After` header), `attemptsLeft`,
 * `limit`, and `errors` for `validation_error`. `detail` is the server's sentence, for logs.
 */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail: string;
  readonly retryAfter?: number;
  readonly errors: FieldError[];
  readonly attemptsLeft?: number;
  readonly limit?: RateLimitName;

  constructor(
    init: { status: number; code: ProblemCode; detail?: string; retryAfter?: number; errors?: FieldError[]; attemptsLeft?: number; limit?: RateLimitName },
    options?: ErrorOptions,
  ) {
    super(init.detail ?? init.code, options);
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail ?? "";
    this.retryAfter = init.retryAfter;
    this.errors = init.errors ?? [];
    this.attemptsLeft = init.attemptsLeft;
    this.limit = init.limit;
  }

  /** From an error answer and its body, already parsed (as openapi-fetch gives it) or not. */
  static fromAnswer(body: unknown, response: Response): ApiProblem {
    const retryAfter = retryAfterSeconds(response);
    if (!isProblem(body)) return new ApiProblem({ status: response.status, code: "unexpected_response", detail: response.statusText, retryAfter });
    const { code, detail, errors, attemptsLeft, limit } = body;
    return new ApiProblem({ status: response.status, code, detail, retryAfter, errors, attemptsLeft, limit });
  }

  static async fromResponse(response: Response): Promise<ApiProblem> {
    const body: unknown = await response.json().catch(() => undefined);
    return ApiProblem.fromAnswer(body, response);
  }

  static networkError(cause: unknown): ApiProblem {
    return new ApiProblem({ status: 0, code: "network_error", detail: "The server could not be reached." }, { cause });
  }

  /** The access token or session is missing, expired or revoked (not, say, a wrong confirmation code). */
  get sessionEnded(): boolean {
    return this.status === 401 && (this.code === "unauthorized" || this.code === "invalid_token");
  }

  /** The first message about a field (`email`, `firstName`, …), for errors shown beside the inputs. */
  fieldError(path: string): string | undefined {
    return this.errors.find((error) => error.path === path)?.message;
  }
}
