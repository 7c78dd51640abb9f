import { expect, it } from "vitest";
import { isUnsafeMethod, routeHandlers, urlPathOf } from "./route-config";

it("names a route file's URL path the way Next.js serves it", () => {
  expect(urlPathOf("app/api/v1/admin/users/[id]/route.ts")).toBe("/api/v1/admin/users/{id}");
  expect(urlPathOf("/app/api/health/route.ts")).toBe("/api/health");
  expect(urlPathOf("app\\api\\openapi.json\\route.ts")).toBe("/api/openapi.json");
});

it("lists every exported method handler with the configuration route() attached", () => {
  const config = { auth: "user" };
  const handlers = routeHandlers({
    "app/api/things/[id]/route.ts": { GET: Object.assign(() => undefined, { config }), DELETE: () => undefined, dynamic: "force-dynamic", helper: 1 },
  });
  expect(handlers).toEqual([
    { path: "/api/things/{id}", method: "get", config },
    { path: "/api/things/{id}", method: "delete" },
  ]);
});

it("tells methods that change data from the safe ones", () => {
  expect(["GET", "head", "OPTIONS"].map(isUnsafeMethod)).toEqual([false, false, false]);
  expect(["POST", "put", "PATCH", "DELETE"].map(isUnsafeMethod)).toEqual([true, true, true, true]);
});
