import type { Server } from "node:http";

/**
 * What the process launcher (lib/server/cluster.mjs, plain JavaScript outside the app's bundle) and the app
 * share: the HTTP servers the launcher saw created, so that a graceful shutdown can close them, and whether
 * the process is draining. Kept on globalThis under one name, which both sides spell the same.
 */
export interface Lifecycle {
  draining: boolean;
  servers: Set<Server>;
  /** Set by the launcher: this process's shutdown is ours (Next.js was told to leave the signals alone). */
  managed: boolean;
}

export function lifecycle(): Lifecycle {
  const holder = globalThis as { __phoneReferralsLifecycle?: Lifecycle };
  holder.__phoneReferralsLifecycle ??= { draining: false, servers: new Set(), managed: false };
  return holder.__phoneReferralsLifecycle;
}

/** True once a shutdown has begun: readiness answers 503 so that load balancers stop sending traffic. */
export function isDraining(): boolean {
  return lifecycle().draining;
}
