import type { ApiClient } from "@/lib/api-client/create-api-client";
import { type Answer, type DataOf, unwrap } from "@/lib/api-client/unwrap";

let client: Promise<ApiClient> | undefined;

/**
 * Calls the API from a page through the pages' one client (lib/web/browser-api-client.ts: the session cookies
 * and the one cross-tab refresh) and answers the data, or throws an ApiProblem. The client is loaded on the
 * first call, so that it stays out of the pages' first-load JavaScript.
 *
 *     const profile = await callApi((api) => api.GET("/api/v1/profile"));
 */
export function callApi<A extends Answer>(request: (api: ApiClient) => Promise<A>): Promise<DataOf<A>> {
  client ??= import("./browser-api-client").then((module) => module.browserApiClient);
  const loaded = client;
  // A chunk that failed to load (offline) is tried again on the next call.
  loaded.catch(() => {
    if (client === loaded) client = undefined;
  });
  return unwrap(loaded.then(request));
}
