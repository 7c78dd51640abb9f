const KEY = "pr-session-generation";
let memory = "0";

/**
 * A value that changes whenever any tab of this browser refreshes the session. A request that failed with 401
 * compares it with the value read before it was sent: if it changed, another refresh already replaced the
 * cookies and the request only needs to be sent again.
 */
export function sessionGeneration(next?: string): string {
  try {
    if (next !== undefined) localStorage.setItem(KEY, next);
    return localStorage.getItem(KEY) ?? memory;
  } catch {
    // storage disabled: this tab alone
    if (next !== undefined) memory = next;
    return memory;
  }
}
