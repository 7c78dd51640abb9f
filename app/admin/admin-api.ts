import type { AdminUser, AdminUserPage } from "@/lib/admin/schemas";

/** A problem+json answer, as thrown to the page. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

let renewing: Promise<boolean> | undefined;

/** Renews the cookie pair once for all requests that found the access token expired. */
function renewSession(): Promise<boolean> {
  renewing ??= fetch("/api/v1/auth/refresh", { method: "POST", credentials: "same-origin" })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      renewing = undefined;
    });
  return renewing;
}

/** Same-origin JSON call with the session cookies; on 401 it renews the session once and tries again. */
export async function call<T>(path: string, init: RequestInit = {}, retried = false): Promise<T> {
  const response = await fetch(path, {
    ...init,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}) },
  });
  if (response.status === 401 && !retried && (await renewSession())) return call<T>(path, init, true);
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const problem = (body ?? {}) as { code?: string; detail?: string };
    throw new AdminApiError(response.status, problem.code ?? "error", problem.detail ?? `The server answered ${response.status}.`);
  }
  return body as T;
}

export function fetchUsers({ query, cursor, limit }: { query: string; cursor?: string; limit: number }): Promise<AdminUserPage> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (query) params.set("query", query);
  if (cursor) params.set("cursor", cursor);
  return call<AdminUserPage>(`/api/v1/admin/users?${params.toString()}`);
}

export function updateUser({ id, changes }: { id: string; changes: { isAdmin?: boolean; isBlocked?: boolean } }): Promise<AdminUser> {
  return call<AdminUser>(`/api/v1/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(changes) });
}
