import { ApiProblem } from "@/lib/api-client/api-problem";
import type { Middleware } from "@/lib/api-client/create-api-client";

export const SESSION_REFRESH_LOCK = "pr-session-refresh";
const REFRESH_PATH = "/api/v1/auth/refresh";

let tail: Promise<unknown> = Promise.resolve();

/** navigator.locks across tabs where it exists (secure contexts: https, localhost); otherwise this tab alone. */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    return navigator.locks.request(SESSION_REFRESH_LOCK, task) as Promise<T>;
  }
  const run = tail.then(task);
  tail = run.catch(() => undefined);
  return run;
}

/** A 401 about the session (not, say, a wrong confirmation code), which a refresh may cure. */
async function isSessionProblem(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body = (await response.clone().json().catch(() => ({}))) as { code?: unknown };
  return body.code !== "invalid_code";
}

async function send(fetchImpl: (request: Request) => Promise<Response>, request: Request): Promise<Response> {
  try {
    return await fetchImpl(request);
  } catch (error) {
    throw ApiProblem.networkError(error);
  }
}

/**
 * The one refresh of the web pages' cookie session, for every page and tab (sign-in, profile, admin). A request
 * answered 401 outside /api/v1/auth/ waits for the cross-tab lock, then is sent again (another tab or request
 * may have refreshed the cookies meanwhile), and only if that is still 401 is the refresh cookie exchanged and
 * the request sent once more. A refresh token works once and presenting a rotated one ends the whole session,
 * so two refreshes must never race with the same cookie. The refresh cookie is sent only to /api/v1/auth/refresh
 * (its path), so the page itself cannot see it: the server decides.
 */
export function sessionRefresh(): Middleware {
  const copies = new Map<string, Request>();
  return {
    onRequest({ request, id }) {
      // The body is read when the request is sent: keep a copy to send again.
      if (!new URL(request.url).pathname.startsWith("/api/v1/auth/")) copies.set(id, request.clone());
      return undefined;
    },
    async onResponse({ response, id, options }) {
      const copy = copies.get(id);
      copies.delete(id);
      if (!copy || !(await isSessionProblem(response))) return undefined;
      return exclusively(async () => {
        const again = await send(options.fetch, copy.clone());
        if (!(await isSessionProblem(again))) return again;
        const refresh = new Request(new URL(REFRESH_PATH, copy.url), { method: "POST", credentials: copy.credentials });
        const refreshed = await send(options.fetch, refresh);
        // Refused: the answer to the page is the refresh's problem (a 401 says the session ended).
        if (!refreshed.ok) return refreshed;
        return send(options.fetch, copy);
      });
    },
    onError({ id }) {
      copies.delete(id);
      return undefined;
    },
  };
}
