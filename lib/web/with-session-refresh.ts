import { ApiProblem } from "./api-problem";

let tail: Promise<unknown> = Promise.resolve();

/** navigator.locks across tabs where it exists (secure contexts: https, localhost); otherwise this tab alone. */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    return navigator.locks.request("pr-session-refresh", task) as Promise<T>;
  }
  const run = tail.then(task);
  tail = run.catch(() => undefined);
  return run;
}

/**
 * For a request that was answered 401: one caller at a time, across tabs, first sends it again (another tab
 * or request may have refreshed the cookies meanwhile), and only if that is still 401 exchanges the refresh
 * cookie and sends it once more. A refresh token works once and presenting a rotated one ends the whole
 * session, so two refreshes must never race with the same cookie.
 */
export function withSessionRefresh(send: () => Promise<Response>): Promise<Response> {
  return exclusively(async () => {
    const again = await send();
    if (again.status !== 401) return again;
    const refreshed = await fetch("/api/v1/auth/refresh", { method: "POST", credentials: "same-origin" });
    if (!refreshed.ok) throw await ApiProblem.fromResponse(refreshed, { sessionEnded: refreshed.status === 401 });
    return send();
  });
}
