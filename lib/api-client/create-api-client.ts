import createClient, { type Client, type Middleware } from "openapi-fetch";
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
  /**
   * `same-origin` for a browser page that signs in with the session cookies. Spelled out rather than the DOM's
   * `RequestCredentials`, so that a Node.js service without the DOM library compiles this file.
   */
  credentials?: "omit" | "same-origin" | "include";
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
 * TypeScript service. Read answers with `unwrap` (./unwrap.ts), which turns every failure into an ApiProblem.
 */
export function createApiClient({ baseUrl, fetch: fetchImpl, accessToken, credentials, middleware = [] }: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl ?? ((request: Request) => fetch(request)), credentials });
  if (accessToken) client.use(bearer(accessToken));
  if (middleware.length) client.use(...middleware);
  return client;
}
