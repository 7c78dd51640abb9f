/** PostgreSQL gave up waiting for a lock (lock_not_available, 55P03: `lock_timeout`), wherever the driver wrapped it. */
export function isLockTimeout(error: unknown): boolean {
  let current = error;
  for (let depth = 0; current && depth < 8; depth++) {
    if ((current as { code?: unknown }).code === "55P03") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
