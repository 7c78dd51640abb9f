import createClient, { type Client, type Middleware } from "openapi-fetch";
import { ApiProblem } from "./api-problem";
import type { paths } from "./schema.generated";

export type ApiClient = Client<paths>;
export type { Middleware } from "openapi-fetch";

export interface ApiClientOptions {
  /** The API's origin, e.g. `https://referrals.example.com`; empty in a browser on the API's own origin. */
  baseUrl: string;
  /** Defaults to the global fetch, looked up at each call. */
  fetch?: (request: Request) => Promise<Response>;
  /** A bearer token, or a function answering the current one, sent as `Authorization: Bearer …`. */
  accessToken?: string | (() => string | undefined | Promise<string | undefined>);
  /** `same-origin` for a browser page that signs in with the session cookies. */
  credentials?: RequestCredentials;
  /** Run on every request, in order (responses see them in reverse). */
  middleware?: Middleware[];
}

function bearer(accessToken: NonNullable<ApiClientOptions["accessToken"]>): Middleware {
  return {
    async onRequest({ request }) {
      const token = typeof accessToken === "string" ? accessToken : await accessToken();
      if (token) request.headers.set("authorization", `Bearer ${token}`);
      return request;
    },
  };
}

/**
 * A typed client of the API (the paths and bodies of its OpenAPI document), for the web pages and for any
 * TypeScript service. Read answers with {@link unwrap}, which turns every failure into an {@link ApiProblem}.
 */
export function createApiClient({ baseUrl, fetch: fetchImpl, accessToken, credentials, middleware = [] }: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl ?? ((request: Request) => fetch(request)), credentials });
  if (accessToken) client.use(bearer(accessToken));
  if (middleware.length) client.use(...middleware);
  return client;
}

/** What openapi-fetch answers: `data` on success, `error` (the parsed body) otherwise. */
export type Answer = { data?: unknown; error?: unknown; response: Response };
/** The data of the success branch of an answer. */
export type DataOf<A> = A extends { data: infer Data; error?: never } ? Data : never;

/**
 * The data of a successful answer, or an {@link ApiProblem}: the error answer's problem+json, or status 0
 * with `network_error` when the server could not be reached.
 *
 *     const profile = await unwrap(api.GET("/api/v1/profile"));
 */
export async function unwrap<A extends Answer>(pending: Promise<A>): Promise<DataOf<A>> {
  let answer: A;
  try {
    answer = await pending;
  } catch (error) {
    throw error instanceof ApiProblem ? error : ApiProblem.networkError(error);
  }
  if (!answer.response.ok) throw ApiProblem.fromAnswer(answer.error, answer.response);
  return answer.data as DataOf<A>;
}
