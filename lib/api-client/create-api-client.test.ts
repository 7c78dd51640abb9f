import { describe, expect, it, vi } from "vitest";
import { ApiProblem } from "./api-problem";
import { createApiClient } from "./create-api-client";
import { unwrap } from "./unwrap";

const BASE = "https://api.test";
const problem = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  Response.json({ type: "about:blank", title: code, status, detail: `${code} detail`, code, ...extra }, { status, headers: { "content-type": "application/problem+json", ...headers } });

describe("createApiClient", () => {
  it("sends typed JSON with a bearer token and answers the data", async () => {
    const seen: Request[] = [];
    const fetch = vi.fn((request: Request) => {
      seen.push(request);
      return Promise.resolve(Response.json({ phone: "+79991234567", expiresIn: 300, resendIn: 60, codeLength: 4 }));
    });
    const api = createApiClient({ baseUrl: BASE, fetch, accessToken: () => "t0ken" });
    await expect(unwrap(api.POST("/api/v1/auth/code", { body: { phone: "+79991234567" } }))).resolves.toMatchObject({ codeLength: 4 });
    expect(seen[0]!.url).toBe(`${BASE}/api/v1/auth/code`);
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer t0ken");
    expect(await seen[0]!.json()).toEqual({ phone: "+79991234567" });
  });

  it("sends no Authorization when the token function has none, and a fixed token as it is", async () => {
    const fetch = vi.fn<(request: Request) => Promise<Response>>(() => Promise.resolve(new Response(null, { status: 204 })));
    await unwrap(createApiClient({ baseUrl: BASE, fetch, accessToken: () => undefined }).POST("/api/v1/auth/logout"));
    await unwrap(createApiClient({ baseUrl: BASE, fetch, accessToken: "fixed" }).POST("/api/v1/auth/logout"));
    expect(fetch.mock.calls.map(([request]) => request.headers.get("authorization"))).toEqual([null, "Bearer fixed"]);
  });

  it("uses the global fetch, looked up at each call, when none is given", async () => {
    const global = vi.fn<(request: Request) => Promise<Response>>(() => Promise.resolve(Response.json({ status: "ok" })));
    const api = createApiClient({ baseUrl: BASE });
    vi.stubGlobal("fetch", global);
    try {
      await unwrap(api.GET("/api/health"));
    } finally {
      vi.unstubAllGlobals();
    }
    expect(global).toHaveBeenCalledOnce();
  });
});

describe("unwrap", () => {
  it("throws an ApiProblem with the code, Retry-After, errors and extension members", async () => {
    const fetch = () =>
      Promise.resolve(problem(429, "rate_limited", { limit: "otp_resend", errors: [{ path: "phone", message: "m" }] }, { "retry-after": "41.2" }));
    const error = await unwrap(createApiClient({ baseUrl: BASE, fetch }).POST("/api/v1/auth/code", { body: { phone: "1" } })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfter: 42, limit: "otp_resend", detail: "rate_limited detail", sessionEnded: false });
    expect((error as ApiProblem).fieldError("phone")).toBe("m");
    expect((error as ApiProblem).fieldError("email")).toBeUndefined();
  });

  it("reads attemptsLeft, and says which 401s end the session", async () => {
    const answers = [problem(401, "invalid_code", { attemptsLeft: 1 }), problem(401, "invalid_token"), problem(401, "unauthorized")];
    const api = createApiClient({ baseUrl: BASE, fetch: () => Promise.resolve(answers.shift()!) });
    const verify = () => unwrap(api.POST("/api/v1/auth/verify", { body: { phone: "1", code: "1" } })).catch((caught: unknown) => caught as ApiProblem);
    expect(await verify()).toMatchObject({ code: "invalid_code", attemptsLeft: 1, sessionEnded: false });
    expect(await verify()).toMatchObject({ code: "invalid_token", sessionEnded: true });
    expect(await verify()).toMatchObject({ code: "unauthorized", sessionEnded: true });
  });

  it("turns a network failure and an answer that is not problem+json into problems", async () => {
    const fetch = vi
      .fn<(request: Request) => Promise<Response>>()
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockResolvedValueOnce(new Response("<html>", { status: 502, statusText: "Bad Gateway" }));
    const api = createApiClient({ baseUrl: BASE, fetch });
    await expect(unwrap(api.GET("/api/health"))).rejects.toMatchObject({ status: 0, code: "network_error", cause: new TypeError("offline") });
    await expect(unwrap(api.GET("/api/health"))).rejects.toMatchObject({ status: 502, code: "unexpected_response", detail: "Bad Gateway", retryAfter: undefined });
  });

  it("answers undefined for 204", async () => {
    const api = createApiClient({ baseUrl: BASE, fetch: () => Promise.resolve(new Response(null, { status: 204 })) });
    await expect(unwrap(api.POST("/api/v1/auth/logout"))).resolves.toBeUndefined();
  });

  it("reads a problem from a raw Response too", async () => {
    await expect(ApiProblem.fromResponse(problem(404, "not_found"))).resolves.toMatchObject({ status: 404, code: "not_found" });
    await expect(ApiProblem.fromResponse(new Response("nope", { status: 500 }))).resolves.toMatchObject({ code: "unexpected_response" });
  });
});
