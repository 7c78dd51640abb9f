import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiFetch } from "./api-fetch";
import { ApiProblem } from "./api-problem";

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, code, detail: `${code} detail` }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
const ok = (body: unknown) => Response.json(body);

/** A fake server: every call answers 401 until a refresh succeeds (apiFetch only ever passes a path string). */
function fakeServer({ refreshWorks = true } = {}) {
  const state = { fresh: false, refreshes: 0, calls: [] as string[] };
  const fetchMock = vi.fn(async (path: string, init?: RequestInit) => {
    state.calls.push(`${init?.method ?? "GET"} ${path}`);
    if (path === "/api/v1/auth/refresh") {
      state.refreshes++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (!refreshWorks) return problem(401, "invalid_token");
      state.fresh = true;
      return ok({ accessToken: "a" });
    }
    if (!state.fresh) return problem(401, "invalid_token");
    return ok({ path, body: init?.body ?? null });
  });
  vi.stubGlobal("fetch", fetchMock);
  return state;
}

describe("apiFetch", () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it("sends JSON with the session cookies and returns the answer", async () => {
    const state = fakeServer();
    state.fresh = true;
    await expect(apiFetch("/api/v1/profile/invite-code", { method: "POST", body: { code: "ABC123" } })).resolves.toEqual({
      path: "/api/v1/profile/invite-code",
      body: '{"code":"ABC123"}',
    });
    const init = vi.mocked(fetch).mock.calls[0]![1]!;
    expect(init).toMatchObject({ method: "POST", credentials: "same-origin", headers: { "content-type": "application/json" } });
  });

  it("sends a FormData body as it is, leaving the multipart content type to the browser", async () => {
    const fetchMock = vi.fn((_path: string, init?: RequestInit) => Promise.resolve(ok({ headers: init?.headers ?? null, isForm: init?.body instanceof FormData })));
    vi.stubGlobal("fetch", fetchMock);
    const form = new FormData();
    form.append("file", new Blob(["x"]), "a.png");
    await expect(apiFetch("/api/v1/profile/avatar", { method: "PUT", body: form })).resolves.toEqual({ headers: null, isForm: true });
  });

  it("does not refresh for a wrong confirmation code (a 401 that is not about the session)", async () => {
    const fetchMock = vi.fn(() => Promise.resolve(problem(401, "invalid_code")));
    vi.stubGlobal("fetch", fetchMock);
    const error = await apiFetch("/api/v1/profile/phone/confirm", { method: "POST", body: { phone: "+79990000000", code: "0000" } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 401, code: "invalid_code", sessionEnded: false });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("refreshes once for parallel requests that all got 401, then repeats them", async () => {
    const state = fakeServer();
    const answers = await Promise.all([apiFetch("/api/v1/profile"), apiFetch("/api/v1/profile/invitees"), apiFetch("/api/v1/profile")]);
    expect(answers.map((answer: any) => answer.path)).toEqual(["/api/v1/profile", "/api/v1/profile/invitees", "/api/v1/profile"]);
    expect(state.refreshes).toBe(1);
  });

  it("takes turns through navigator.locks when it exists", async () => {
    const state = fakeServer();
    const names: string[] = [];
    let queue = Promise.resolve();
    vi.stubGlobal("navigator", {
      locks: {
        request: (name: string, task: () => Promise<unknown>) => {
          names.push(name);
          const run = queue.then(task);
          queue = run.then(() => undefined, () => undefined);
          return run;
        },
      },
    });
    await Promise.all([apiFetch("/api/v1/profile"), apiFetch("/api/v1/profile")]);
    expect(names).toEqual(["pr-session-refresh", "pr-session-refresh"]);
    expect(state.refreshes).toBe(1);
  });

  it("says the session ended when the refresh is refused", async () => {
    fakeServer({ refreshWorks: false });
    const error = await apiFetch("/api/v1/profile").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 401, code: "invalid_token", sessionEnded: true });
  });

  it("never refreshes for the sign-in endpoints, and reads Retry-After", async () => {
    const state = fakeServer();
    vi.mocked(fetch).mockResolvedValueOnce(problem(429, "rate_limited", { "retry-after": "42" }));
    const error = await apiFetch("/api/v1/auth/code", { method: "POST", body: { phone: "+79991234567" } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfter: 42, sessionEnded: false });
    expect(state.refreshes).toBe(0);
  });

  it("turns a network failure and a non-JSON answer into problems", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValueOnce(new TypeError("offline")).mockResolvedValueOnce(new Response("<html>", { status: 502, statusText: "Bad Gateway" })));
    await expect(apiFetch("/api/health")).rejects.toMatchObject({ status: 0, code: "network_error" });
    await expect(apiFetch("/api/health")).rejects.toMatchObject({ status: 502, code: "http_502", detail: "Bad Gateway" });
  });

  it("answers undefined for 204", async () => {
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(new Response(null, { status: 204 })));
    await expect(apiFetch("/api/v1/auth/logout", { method: "POST" })).resolves.toBeUndefined();
  });
});
