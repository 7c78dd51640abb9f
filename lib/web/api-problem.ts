/** A problem+json answer (or a network failure, status 0) as the web pages see it. */
export class ApiProblem extends Error {
  override name = "ApiProblem";

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly options: { retryAfter?: number; fieldMessages?: string[]; fieldErrors?: Record<string, string>; sessionEnded?: boolean } = {},
  ) {
    super(detail);
  }

  get retryAfter(): number | undefined {
    return this.options.retryAfter;
  }

  /** True when the session is gone and refreshing did not help: the page should go to /login. */
  get sessionEnded(): boolean {
    return this.options.sessionEnded ?? false;
  }

  static async fromResponse(response: Response, options: { sessionEnded?: boolean } = {}): Promise<ApiProblem> {
    let body: { code?: unknown; detail?: unknown; errors?: unknown } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // not JSON: keep the status alone
    }
    const retryAfterHeader = Number(response.headers.get("retry-after"));
    const fieldMessages = Array.isArray(body.errors)
      ? body.errors.flatMap((error: { message?: unknown }) => (typeof error.message === "string" ? [error.message] : []))
      : undefined;
    // The first message for each field ("email", "firstName", …), for errors shown beside the inputs.
    const fieldErrors: Record<string, string> = {};
    if (Array.isArray(body.errors)) {
      for (const error of body.errors as { path?: unknown; message?: unknown }[]) {
        if (typeof error.path === "string" && typeof error.message === "string") fieldErrors[error.path] ??= error.message;
      }
    }
    return new ApiProblem(
      response.status,
      typeof body.code === "string" ? body.code : `http_${response.status}`,
      typeof body.detail === "string" ? body.detail : response.statusText,
      {
        retryAfter: Number.isFinite(retryAfterHeader) && retryAfterHeader > 0 ? Math.ceil(retryAfterHeader) : undefined,
        fieldMessages,
        fieldErrors,
        sessionEnded: options.sessionEnded,
      },
    );
  }
}
