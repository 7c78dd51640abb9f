import { describe, expect, it } from "vitest";
import manifest from "./api-routes.generated.json";
import { allowedMethods, compileRoutes, isApiPath, refuseRequest } from "./api-routes";

const routes = compileRoutes({
  routes: [
    { path: "/api/v1/users/{id}", methods: ["PATCH"] },
    { path: "/api/v1/users/me", methods: ["DELETE", "GET"] },
    { path: "/api/v1/auth/code", methods: ["POST"] },
    { path: "/api/openapi.json", methods: ["GET"] },
  ],
});

describe("allowedMethods", () => {
  it("adds OPTIONS, and HEAD where GET is, sorted as in Allow", () => {
    expect(allowedMethods(["POST"])).toEqual(["OPTIONS", "POST"]);
    expect(allowedMethods(["PATCH", "GET", "DELETE"])).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH"]);
  });
});

describe("refuseRequest", () => {
  it("lets a route's own methods, HEAD of a GET and OPTIONS through", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "DELETE"]) expect(refuseRequest({ method, pathname: "/api/v1/users/me", routes })).toBeUndefined();
    expect(refuseRequest({ method: "PATCH", pathname: "/api/v1/users/0b9d7c8e", routes })).toBeUndefined();
    expect(refuseRequest({ method: "GET", pathname: "/api/openapi.json", routes })).toBeUndefined();
  });

  it("answers 405 with Allow for another method, static routes before dynamic ones", () => {
    const refusal = refuseRequest({ method: "PATCH", pathname: "/api/v1/users/me", routes });
    expect(refusal?.allow).toEqual(["DELETE", "GET", "HEAD", "OPTIONS"]);
    expect(refusal?.error).toMatchObject({ code: "method_not_allowed", status: 405, message: "PATCH is not allowed here; use DELETE, GET, HEAD, OPTIONS." });
    expect(refuseRequest({ method: "HEAD", pathname: "/api/v1/auth/code", routes })?.allow).toEqual(["OPTIONS", "POST"]);
    expect(refuseRequest({ method: "TRACE", pathname: "/api/v1/users/1", routes })?.allow).toEqual(["OPTIONS", "PATCH"]);
  });

  it("answers 404 for a path under /api that no route serves", () => {
    for (const pathname of ["/api", "/api/", "/api/v1", "/api/v1/users/1/extra", "/api/v2/users/me", "/api/openapi.jsonx", "/api/openapiXjson"]) {
      const refusal = refuseRequest({ method: "GET", pathname, routes });
      expect(refusal?.error, pathname).toMatchObject({ code: "not_found", status: 404, message: `There is no API endpoint at ${pathname}.` });
      expect(refusal?.allow).toBeUndefined();
    }
    expect(refuseRequest({ method: "TRACE", pathname: "/api/nothing", routes })?.error.code).toBe("not_found");
  });

  it("leaves the pages to Next.js, except methods no handler can take", () => {
    for (const method of ["GET", "HEAD", "POST", "OPTIONS"]) expect(refuseRequest({ method, pathname: "/login", routes })).toBeUndefined();
    expect(refuseRequest({ method: "GET", pathname: "/apis", routes })).toBeUndefined();
    const trace = refuseRequest({ method: "TRACE", pathname: "/login", routes });
    expect(trace).toMatchObject({ allow: ["GET", "HEAD"], error: { code: "method_not_allowed" } });
  });

  it("knows the generated routes", () => {
    expect(isApiPath("/api")).toBe(true);
    expect(isApiPath("/api/health")).toBe(true);
    expect(isApiPath("/apis")).toBe(false);
    expect(manifest.routes.length).toBeGreaterThan(10);
    expect(refuseRequest({ method: "GET", pathname: "/api/v1/profile" })).toBeUndefined();
    expect(refuseRequest({ method: "PUT", pathname: "/api/v1/profile" })?.allow).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH"]);
    expect(refuseRequest({ method: "GET", pathname: "/api/v1/nothing" })?.error.code).toBe("not_found");
  });
});
