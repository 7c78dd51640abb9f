/**
 * What a failed query means, read from PostgreSQL's SQLSTATE (or the driver's connection error code) wherever
 * the drivers and the query builder wrapped it. The domain modules and the problem mapper both ask here.
 */

const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  // The server answers but will not let us in: the database is missing (being created or restored) or the
  // credentials are refused. Not the client's fault, so 503 and a readiness failure rather than a 500.
  "3D000", // invalid_catalog_name
  "28000", // invalid_authorization_specification
  "28P01", // invalid_password
]);

// lock_not_available (`lock_timeout` ran out) and deadlock_detected (PostgreSQL cancelled one of two waiters).
const lockWaitFailures = new Set(["55P03", "40P01"]);

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current && chain.length < 8) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True when the database could not be reached, as opposed to a query that failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some((link) => {
    const code = errorCodeOf(link);
    if (code && (connectionErrorCodes.has(code) || code.startsWith("08"))) return true;
    return link instanceof AggregateError && link.errors.some(isDatabaseUnavailable);
  });
}

/** PostgreSQL gave up one of two transactions that waited on each other (deadlock_detected): try it again. */
export function isDeadlock(error: unknown): boolean {
  return errorChain(error).some((link) => errorCodeOf(link) === "40P01");
}

/**
 * PostgreSQL gave up waiting for a lock: the lock timeout ran out, or a deadlock was broken by cancelling this
 * transaction. Either way nothing was changed and a retry may pass.
 */
export function isLockWaitFailure(error: unknown): boolean {
  return errorChain(error).some((link) => lockWaitFailures.has(errorCodeOf(link) ?? ""));
}

/** PostgreSQL's unique_violation, wherever the driver wrapped it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return errorChain(error).some(
    (link) =>
      errorCodeOf(link) === "23505" &&
      (!constraint || (link as { constraint_name?: string; constraint?: string }).constraint_name === constraint ||
        (link as { constraint?: string }).constraint === constraint),
  );
}
