import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { assertSameOrigin, isUnsafeMethod } from "./assert-same-origin";

function request(method: string, headers: Record<string, string>): Request {
  return new Request("http://localhost:3000/api/v1/auth/logout", { method, headers: { host: "localhost:3000", ...headers } });
}

function rejection(req: Request): string {
  try {
    assertSameOrigin(req);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "csrf_rejected", status: 403 });
    return (error as Error).message;
  }
  throw new Error("the request was accepted");
}

afterEach(() => {
  delete process.env.TRUST_PROXY;
  resetEnvCache();
});

describe("assertSameOrigin", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isUnsafeMethod(method)).toBe(false);
      expect(() => assertSameOrigin(request(method, { origin: "https://evil.example" }))).not.toThrow();
    }
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) expect(isUnsafeMethod(method)).toBe(true);
  });

  it("accepts Sec-Fetch-Site: same-origin", () => {
    expect(() => assertSameOrigin(request("POST", { "sec-fetch-site": "same-origin" }))).not.toThrow();
  });

  it.each(["cross-site", "same-site", "none"])("refuses Sec-Fetch-Site: %s even with a matching Origin", (site) => {
    expect(rejection(request("POST", { "sec-fetch-site": site, origin: "http://localhost:3000" }))).toBe(
      `A cookie-authenticated request that changes data must come from this site (Sec-Fetch-Site is "${site}"). API clients should use Authorization: Bearer.`,
    );
  });

  it("accepts an Origin that matches the Host", () => {
    expect(() => assertSameOrigin(request("DELETE", { origin: "http://localhost:3000" }))).not.toThrow();
  });

  it.each(["https://evil.example", "http://localhost:3001", "http://localhost", "null", "not a url"])("refuses the Origin %j", (origin) => {
    expect(rejection(request("POST", { origin }))).toContain(`(Origin ${origin} is not this site)`);
  });

  it("refuses a request with neither header", () => {
    expect(rejection(request("PATCH", {}))).toContain("(the request has neither Origin nor Sec-Fetch-Site)");
  });

  it("uses X-Forwarded-Host only behind a trusted proxy", () => {
    const proxied = request("POST", { origin: "https://app.example", "x-forwarded-host": "app.example" });
    expect(rejection(proxied)).toContain("is not this site");
    process.env.TRUST_PROXY = "true";
    resetEnvCache();
    expect(() => assertSameOrigin(proxied)).not.toThrow();
  });
});
