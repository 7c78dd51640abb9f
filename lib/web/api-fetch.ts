import { ApiProblem } from "./api-problem";
import { withSessionRefresh } from "./with-session-refresh";

interface ApiFetchOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
}

async function send(path: string, { method = "GET", body }: ApiFetchOptions): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      credentials: "same-origin",
      // A FormData body (a file upload) sets its own multipart content type.
      headers: body === undefined || body instanceof FormData ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem(0, "network_error", "The server could not be reached.");
  }
}

/** A 401 about the session (not, say, a wrong confirmation code), which a refresh may cure. */
async function sessionProblem(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return body.code !== "invalid_code";
  } catch {
    return true;
  }
}

/**
 * Calls the API with the session cookies. A 401 outside /auth/* refreshes the session (see
 * withSessionRefresh) and repeats the request; if that cannot help, the problem says the session ended.
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  let response = await send(path, options);
  const refreshable = !path.startsWith("/api/v1/auth/");
  if (refreshable && (await sessionProblem(response))) response = await withSessionRefresh(() => send(path, options));
  if (!response.ok) throw await ApiProblem.fromResponse(response, { sessionEnded: refreshable && (await sessionProblem(response)) });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
