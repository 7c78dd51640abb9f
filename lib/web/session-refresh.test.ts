import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { createApiClient } from "@/lib/api-client/create-api-client";
import { unwrap } from "@/lib/api-client/unwrap";
import { SESSION_REFRESH_LOCK, sessionRefresh } from "./session-refresh";

const ORIGIN = "https://pages.test";
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const problem = (status: number, code: string) => Response.json({ status, code, detail: `${code} detail` }, { status, headers: { "content-type": "application/problem+json" } });

/**
 * One browser (one cookie jar, shared by its tabs) and a server whose refresh tokens work once: presenting a
 * rotated one ends the session, as lib/sessions does. The refresh reads the cookie, waits, then rotates, so
 * two refreshes without the lock would race with the same cookie.
 */
function browserAndServer({ refreshAnswer }: { refreshAnswer?: () => Response } = {}) {
  const server = { generation: 1, sessionEnded: false, refreshes: 0, calls: [] as string[] };
  const jar = { access: 0, refresh: 1 };
  const fetch = vi.fn(async (request: Request) => {
    const { pathname } = new URL(request.url);
    server.calls.push(`${request.method} ${pathname}`);
    if (pathname === "/api/v1/auth/refresh") {
      server.refreshes++;
      if (refreshAnswer) return refreshAnswer();
      const presented = jar.refresh;
      await tick();
      if (server.sessionEnded || presented !== server.generation) {
        server.sessionEnded = true;
        return problem(401, "invalid_token");
      }
      server.generation++;
      jar.refresh = server.generation;
      jar.access = server.generation;
      return Response.json({ tokenType: "Bearer" });
    }
    if (server.sessionEnded || jar.access !== server.generation) return problem(401, "invalid_token");
    const body = request.body ? await request.text() : null;
    return Response.json({ path: pathname, body });
  });
  return { server, jar, fetch };
}

/** navigator.locks as a browser has it: one holder per name, across every tab. */
function stubLocks() {
  const names: string[] = [];
  const queues = new Map<string, Promise<unknown>>();
  vi.stubGlobal("navigator", {
    locks: {
      request: (name: string, task: () => Promise<unknown>) => {
        names.push(name);
        const run = (queues.get(name) ?? Promise.resolve()).then(task);
        queues.set(name, run.catch(() => undefined));
        return run;
      },
    },
  });
  return names;
}

/** A tab: its own client and middleware, as each tab loads its own copy of the page's JavaScript. */
const tab = (fetch: (request: Request) => Promise<Response>) => createApiClient({ baseUrl: ORIGIN, fetch, credentials: "same-origin", middleware: [sessionRefresh()] });

describe("sessionRefresh", () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it("refreshes once for two tabs that found the access cookie expired together, and both get their answers", async () => {
    const { server, fetch } = browserAndServer();
    const names = stubLocks();
    const admin = tab(fetch);
    const profile = tab(fetch);
    const answers = await Promise.all([
      unwrap(admin.GET("/api/v1/admin/users", { params: { query: { limit: 20 } } })),
      unwrap(profile.GET("/api/v1/profile")),
      unwrap(profile.PATCH("/api/v1/profile", { body: { firstName: "Anna" } })),
    ]);
    expect(answers).toEqual([
      { path: "/api/v1/admin/users", body: null },
      { path: "/api/v1/profile", body: null },
      { path: "/api/v1/profile", body: '{"firstName":"Anna"}' },
    ]);
    expect(server.refreshes).toBe(1);
    expect(server.sessionEnded).toBe(false);
    expect(new Set(names)).toEqual(new Set([SESSION_REFRESH_LOCK]));
  });

  it("without the lock the same two refreshes race and end the session (what the shared lock prevents)", async () => {
    const { server, fetch } = browserAndServer();
    const refresh = () => fetch(new Request(`${ORIGIN}/api/v1/auth/refresh`, { method: "POST" }));
    await Promise.all([refresh(), refresh()]);
    expect(server.sessionEnded).toBe(true);
  });

  it("takes turns in one tab when navigator.locks does not exist (an insecure context)", async () => {
    const { server, fetch } = browserAndServer();
    const page = tab(fetch);
    await Promise.all([unwrap(page.GET("/api/v1/profile")), unwrap(page.GET("/api/v1/profile/invitees", { params: { query: {} } }))]);
    expect(server.refreshes).toBe(1);
  });

  it("sends a multipart body again intact after the refresh", async () => {
    const { fetch } = browserAndServer();
    const form = (file: Blob) => {
      const data = new FormData();
      data.append("file", file, "a.png");
      return data;
    };
    const answer = (await unwrap(
      tab(fetch).PUT("/api/v1/profile/avatar", { body: { file: new Blob(["png-bytes"]) }, bodySerializer: ({ file }) => form(file) }),
    )) as unknown as { body: string };
    expect(answer.body).toContain("png-bytes");
  });

  it("does not refresh for a wrong confirmation code, nor for the sign-in endpoints", async () => {
    const fetch = vi.fn((request: Request) =>
      Promise.resolve(new URL(request.url).pathname === "/api/v1/profile/phone/confirm" ? problem(401, "invalid_code") : problem(401, "invalid_token")),
    );
    const page = tab(fetch);
    await expect(unwrap(page.POST("/api/v1/profile/phone/confirm", { body: { phone: "1", code: "0000" } }))).rejects.toMatchObject({ code: "invalid_code" });
    await expect(unwrap(page.POST("/api/v1/auth/verify", { body: { phone: "1", code: "0000" } }))).rejects.toMatchObject({ code: "invalid_token" });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("answers the refresh's problem when the session cannot be refreshed: the page goes to /login", async () => {
    const { server, fetch } = browserAndServer({ refreshAnswer: () => problem(401, "invalid_token") });
    const error = await unwrap(tab(fetch).GET("/api/v1/profile")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 401, code: "invalid_token", sessionEnded: true });
    expect(server.calls).toEqual(["GET /api/v1/profile", "GET /api/v1/profile", "POST /api/v1/auth/refresh"]);
  });

  it("does not refresh when another tab already did: the request sent again under the lock succeeds", async () => {
    const { server, jar, fetch } = browserAndServer();
    stubLocks();
    let first = true;
    const racing = vi.fn(async (request: Request) => {
      const answer = await fetch(request);
      if (first) {
        // Another tab refreshes between this tab's 401 and its turn at the lock.
        first = false;
        server.generation++;
        jar.access = jar.refresh = server.generation;
      }
      return answer;
    });
    await expect(unwrap(tab(racing).GET("/api/v1/profile"))).resolves.toEqual({ path: "/api/v1/profile", body: null });
    expect(server.refreshes).toBe(0);
  });

  it("says the network failed when the refresh or the repeat cannot be sent", async () => {
    const fetch = vi
      .fn<(request: Request) => Promise<Response>>()
      .mockResolvedValueOnce(problem(401, "invalid_token"))
      .mockRejectedValueOnce(new TypeError("offline"));
    await expect(unwrap(tab(fetch).GET("/api/v1/profile"))).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("forgets a request that failed to send", async () => {
    const fetch = vi.fn<(request: Request) => Promise<Response>>().mockRejectedValueOnce(new TypeError("offline"));
    await expect(unwrap(tab(fetch).GET("/api/v1/profile"))).rejects.toMatchObject({ code: "network_error" });
  });
});
