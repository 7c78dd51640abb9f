import manifest from "./api-routes.generated.json";
import { ApiError } from "@/lib/errors/api-error";

/** The methods Next.js route handlers can serve; any other never reaches a handler. */
export const ROUTE_HANDLER_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];

/** Methods of the web pages, for the `Allow` of a refused method outside the API. */
const PAGE_METHODS = ["GET", "HEAD"];

interface ApiRoute {
  pattern: RegExp;
  /** Sorted, as in `Allow`: the exported methods, HEAD where GET is (Next.js answers it), and OPTIONS. */
  allow: string[];
}

interface RouteManifest {
  routes: { path: string; methods: string[] }[];
}

export function allowedMethods(exported: string[]): string[] {
  const allow = new Set([...exported, "OPTIONS"]);
  if (allow.has("GET")) allow.add("HEAD");
  return [...allow].sort();
}

export function compileRoutes({ routes }: RouteManifest): ApiRoute[] {
  return routes
    .map((route) => ({
      dynamic: (route.path.match(/\{\w+\}/g) ?? []).length,
      pattern: new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\w+\\\}/g, "[^/]+")}$`),
      allow: allowedMethods(route.methods),
    }))
    .sort((a, b) => a.dynamic - b.dynamic)
    .map(({ pattern, allow }) => ({ pattern, allow }));
}

const apiRoutes = compileRoutes(manifest);

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

export interface Refusal {
  error: ApiError;
  /** For `Allow`, with a 405. */
  allow?: string[];
}

/**
 * Why a request cannot reach a handler: `404 not_found` for a path under /api that no route serves, `405
 * method_not_allowed` (with the methods allowed) for a method its route does not serve or Next.js cannot serve
 * at all (TRACE, CONNECT, PROPFIND…). Undefined when a handler will answer.
 */
export function refuseRequest({ method, pathname, routes = apiRoutes }: { method: string; pathname: string; routes?: ApiRoute[] }): Refusal | undefined {
  if (!isApiPath(pathname)) {
    if (ROUTE_HANDLER_METHODS.includes(method)) return undefined;
    return { error: methodNotAllowed(method, PAGE_METHODS), allow: PAGE_METHODS };
  }
  const route = routes.find(({ pattern }) => pattern.test(pathname));
  if (!route) return { error: new ApiError("not_found", `There is no API endpoint at ${pathname.slice(0, 200)}.`) };
  if (route.allow.includes(method)) return undefined;
  return { error: methodNotAllowed(method, route.allow), allow: route.allow };
}

function methodNotAllowed(method: string, allow: string[]): ApiError {
  return new ApiError("method_not_allowed", `${method.slice(0, 20)} is not allowed here; use ${allow.join(", ")}.`);
}
