import type { z } from "zod";

/**
 * What the document generator reads from a `route()` handler's `.config` (lib/http/route.ts attaches it): the
 * options that decide the answers every such handler can give, whatever its domain.
 */
export interface DocumentedRouteConfig {
  body?: z.ZodType;
  bodyOptional?: boolean;
  query?: z.ZodType;
  /** Validates the path parameters, when route() has it. */
  params?: z.ZodType;
  /** With `params`: a refused path value is answered `404 not_found` (documented by the block), not 400. */
  paramsNotFound?: string;
  auth?: "none" | "optional" | "user" | "admin";
  ignoreInvalidToken?: boolean;
  /** The success answer: its status (200 unless given), description, and the JSON body's schema (`.meta({ id })`). */
  response?: { status?: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType };
}

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const SAFE_METHODS = new Set(["get", "head", "options"]);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toLowerCase());
}

/** One exported handler of a route file; `config` is set when the handler is built by `route()`. */
export interface RouteHandler {
  path: string;
  method: string;
  config?: DocumentedRouteConfig;
}

/** `app/api/v1/users/[id]/route.ts` (or `/app/…`) → `/api/v1/users/{id}`. */
export function urlPathOf(file: string): string {
  return file
    .replaceAll("\\", "/")
    .replace(/^\/*app\//, "/")
    .replace(/\/route\.ts$/, "")
    .replace(/\[(\w+)\]/g, "{$1}");
}

/** The handlers that route modules export (keyed by their file, relative to the project root). */
export function routeHandlers(modules: Record<string, Record<string, unknown>>): RouteHandler[] {
  return Object.entries(modules).flatMap(([file, exports]) =>
    HTTP_METHODS.filter((method) => typeof exports[method] === "function").map((method) => {
      const config = (exports[method] as { config?: unknown }).config;
      return {
        path: urlPathOf(file),
        method: method.toLowerCase(),
        ...(typeof config === "object" && config !== null ? { config } : {}),
      };
    }),
  );
}
