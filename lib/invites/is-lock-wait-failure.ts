// lock_not_available (`lock_timeout` ran out) and deadlock_detected (PostgreSQL cancelled one of two waiters).
const lockWaitFailures = new Set(["55P03", "40P01"]);

/**
 * PostgreSQL gave up waiting for a lock, wherever the driver wrapped the error: the lock timeout ran out, or
 * a deadlock was broken by cancelling this transaction. Either way nothing was changed and a retry may pass.
 */
export function isLockWaitFailure(error: unknown): boolean {
  let current = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && lockWaitFailures.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
