import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { installApiGuardHook } from "./api-guard-hook";
import { corsFor, installCorsHook } from "./cors";

const APP = "https://app.example.com";
let server: http.Server;
let base = "";

beforeAll(async () => {
  installCorsHook();
  installApiGuardHook();
  server = http.createServer((request, response) => {
    // As Next.js does: a Vary of its own is appended to one already set.
    response.appendHeader("vary", "Accept-Encoding");
    response.end(`handled ${request.method} ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function configure(origins: string | undefined): void {
  if (origins === undefined) delete process.env.CORS_ORIGINS;
  else process.env.CORS_ORIGINS = origins;
  resetEnvCache();
}

afterEach(() => configure(undefined));

function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("access-control-") || name === "vary"));
}

const preflight = (path: string, origin: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "DELETE", "access-control-request-headers": "authorization", ...headers } });

describe("CORS for /api/v1", () => {
  it("answers a listed origin's preflight 204 with the methods and headers, never credentials", async () => {
    configure(`${APP}, http://localhost:5173`);
    const answer = await preflight("/api/v1/profile/sessions", APP);
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe("");
    expect(corsHeaders(answer)).toEqual({
      "access-control-allow-origin": APP,
      "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
      "access-control-allow-headers": "authorization, content-type",
      "access-control-max-age": "600",
      vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    });
    expect((await preflight("/api/v1/profile", "http://localhost:5173")).headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
  });

  it("echoes a listed origin on the actual answers, the guard's 404 and 405 included, with Vary: Origin", async () => {
    configure(APP);
    const answer = await fetch(`${base}/api/v1/profile`, { headers: { origin: APP } });
    expect(await answer.text()).toBe("handled GET /api/v1/profile");
    expect(corsHeaders(answer)).toEqual({
      "access-control-allow-origin": APP,
      "access-control-expose-headers": "Retry-After, X-Request-Id",
      vary: "Origin, Accept-Encoding",
    });
    const missing = await fetch(`${base}/api/v1/nothing-here`, { headers: { origin: APP } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe(APP);
    const refused = await fetch(`${base}/api/v1/profile/sessions`, { method: "POST", headers: { origin: APP } });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("access-control-allow-origin")).toBe(APP);
  });

  it("gives another origin no CORS header (only Vary), and lets its preflight through to the route", async () => {
    configure(APP);
    for (const origin of ["https://evil.example", "https://app.example.com.evil.example", "http://app.example.com", "null"]) {
      const answer = await preflight("/api/v1/profile", origin);
      expect(await answer.text()).toBe("handled OPTIONS /api/v1/profile");
      expect(corsHeaders(answer)).toEqual({ vary: "Origin, Accept-Encoding" });
      expect(corsHeaders(await fetch(`${base}/api/v1/profile`, { headers: { origin } }))).toEqual({ vary: "Origin, Accept-Encoding" });
    }
    expect(corsHeaders(await fetch(`${base}/api/v1/profile`))).toEqual({ vary: "Origin, Accept-Encoding" });
  });

  it("adds nothing outside /api/v1, or when CORS_ORIGINS is empty", async () => {
    configure(APP);
    for (const path of ["/api/health", "/profile"]) {
      const answer = await fetch(`${base}${path}`, { headers: { origin: APP } });
      expect(corsHeaders(answer), path).toEqual({ vary: "Accept-Encoding" });
    }
    expect(corsHeaders(await fetch(`${base}/api/v10/x`, { headers: { origin: APP } }))).toEqual({});
    configure(undefined);
    const answer = await preflight("/api/v1/profile", APP);
    expect(await answer.text()).toBe("handled OPTIONS /api/v1/profile");
    expect(corsHeaders(answer)).toEqual({ vary: "Accept-Encoding" });
  });

  it("treats an OPTIONS without Access-Control-Request-Method as a plain request", () => {
    configure(APP);
    expect(corsFor({ method: "OPTIONS", url: "/api/v1/profile", origin: APP, requestMethod: undefined })).toEqual({
      preflight: false,
      headers: { "Access-Control-Allow-Origin": APP, "Access-Control-Expose-Headers": "Retry-After, X-Request-Id", Vary: "Origin" },
    });
    expect(corsFor({ method: "GET", url: "http://[bad", origin: APP, requestMethod: undefined })).toBeUndefined();
  });
});

describe("CORS_ORIGINS", () => {
  it.each(["*", "https://app.example.com/", "https://app.example.com/path", "app.example.com", "https://*.example.com"])("refuses %j, naming it", (value) => {
    configure(value);
    expect(() => corsFor({ method: "GET", url: "/api/v1/profile", origin: APP, requestMethod: undefined })).toThrow(`CORS_ORIGINS: "${value}" is not an exact origin`);
  });
});
