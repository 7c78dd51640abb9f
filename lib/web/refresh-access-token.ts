import { ApiProblem } from "./api-problem";
import { sessionGeneration } from "./session-generation";

let inFlight: Promise<void> | undefined;

async function refreshOnce(seenGeneration: string): Promise<void> {
  // Another tab (or an earlier refresh in this one) rotated the tokens after our request was sent.
  if (sessionGeneration() !== seenGeneration) return;
  const response = await fetch("/api/v1/auth/refresh", { method: "POST", credentials: "same-origin" });
  if (!response.ok) throw await ApiProblem.fromResponse(response, { sessionEnded: response.status === 401 });
  sessionGeneration(`${Date.now()}-${Math.random().toString(36).slice(2)}`);
}

/**
 * Exchanges the refresh cookie for new cookies, one refresh at a time: parallel callers in a tab share one
 * promise, and tabs take turns through a Web Lock. A refresh token works once, and presenting a rotated one
 * ends the whole session, so two tabs must never both send the same refresh cookie.
 */
export function refreshAccessToken({ seenGeneration }: { seenGeneration: string }): Promise<void> {
  inFlight ??= (async () => {
    try {
      // navigator.locks exists only in secure contexts (https, localhost); elsewhere each tab guards itself.
      if (typeof navigator !== "undefined" && navigator.locks) {
        await navigator.locks.request("pr-session-refresh", () => refreshOnce(seenGeneration));
      } else {
        await refreshOnce(seenGeneration);
      }
    } finally {
      inFlight = undefined;
    }
  })();
  return inFlight;
}
