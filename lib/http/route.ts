import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { type Database, getDb } from "@/db";
import { logger } from "@/lib/log/logger";
import { type AuthContext, authenticate } from "@/lib/sessions/authenticate";
import { ApiError } from "@/lib/errors/api-error";
import { clientAddress, clientIp } from "./client-address";
import { errorToResponse, zodFieldErrors } from "./problem";
import { readJsonBody } from "./read-body";

type AuthMode = "none" | "optional" | "user" | "admin";
type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
type ParsedParams<P extends Schema> = P extends z.ZodType ? z.output<P> : Record<string, string>;

/** The success answer as the OpenAPI document shows it; a handler answering another status returns a Response. */
interface SuccessResponse<R extends Schema> {
  /** 200 unless given. */
  status?: 200 | 201 | 202 | 204;
  description: string;
  /** The JSON body's schema (a component: `.meta({ id })`); the handler's JSON value must match its output type. */
  schema?: R;
}

interface RouteConfig<B extends Schema, Q extends Schema, A extends AuthMode, P extends Schema = undefined, R extends Schema = undefined> {
  /** Validates the JSON body. */
  body?: B;
  /** With `body`: an empty body is read as undefined and given to the schema (make it `.optional()`). */
  bodyOptional?: boolean;
  /** Validates the query string (each parameter once, as a string). */
  query?: Q;
  /**
   * Validates the path parameters (each a string), after the body; its output is `params`. Ids are parsed by
   * `idParams` (lib/http/id-params.ts), which lower-cases them, so handlers never compare raw ids.
   */
  params?: P;
  /** With `params`: a refused path parameter names nothing, so the answer is `404 not_found` with this detail, not a 400. */
  paramsNotFound?: string;
  /** `user` and `admin` answer 401/403 themselves; `optional` passes the session when there is one. */
  auth?: A;
  /** With `auth: "optional"`: an invalid, expired or malformed access token counts as none instead of a 401. */
  ignoreInvalidToken?: boolean;
  /** Documents the success answer (lib/openapi generates it into the handler's OpenAPI operation). */
  response?: SuccessResponse<R>;
}

export interface RouteContext<B extends Schema, Q extends Schema, A extends AuthMode, P extends Schema = undefined> {
  request: Request;
  requestId: string;
  db: Database;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: ParsedParams<P>;
  auth: A extends "user" | "admin" ? AuthContext : AuthContext | undefined;
  /** The key of per-address rate limits: the canonical IPv4 address, or the IPv6 /64. */
  clientAddress: string;
  /** The client's canonical IP address, for records such as a session's. */
  clientIp: string;
}

/** What a handler answers: a Response, or a JSON value (of the response schema's output type, when there is one). */
type Answer<R extends Schema> = Response | (R extends z.ZodType ? z.output<R> : object);

type Handler<B extends Schema, Q extends Schema, A extends AuthMode, P extends Schema, R extends Schema> = (
  context: RouteContext<B, Q, A, P>,
) => Promise<Answer<R>> | Answer<R>;

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiError("validation_error", `The ${where} has invalid or missing fields.`, { errors: zodFieldErrors(result.error) });
}

function parseParams<S extends z.ZodType>(schema: S, params: Record<string, string>, notFound: string | undefined): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  if (notFound !== undefined) throw new ApiError("not_found", notFound);
  throw new ApiError("validation_error", "The path has invalid or missing fields.", { errors: zodFieldErrors(result.error) });
}

function queryObject(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in query) throw new ApiError("validation_error", `The query parameter "${key}" is given more than once.`);
    query[key] = value;
  }
  return query;
}

async function authenticateFor({ db, request, ignoreInvalidToken }: { db: Database; request: Request; ignoreInvalidToken?: boolean }) {
  try {
    return await authenticate({ db, request });
  } catch (error) {
    if (ignoreInvalidToken && error instanceof ApiError && (error.code === "invalid_token" || error.code === "unauthorized")) return undefined;
    throw error;
  }
}

/**
 * The one wrapper around every API handler: request id, authentication, body and query validation,
 * problem+json for every failure, and one access-log line. Handlers return a Response or a JSON value.
 */
export function route<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  A extends AuthMode = "none",
  P extends Schema = undefined,
  R extends Schema = undefined,
>(config: RouteConfig<B, Q, A, P, R>, handler: Handler<B, Q, A, P, R>) {
  const handle = async (request: Request, next?: NextRouteContext): Promise<Response> => {
    const started = performance.now();
    const incomingId = request.headers.get("x-request-id");
    const requestId = incomingId && requestIdPattern.test(incomingId) ? incomingId : randomUUID();
    const url = new URL(request.url);
    let response: Response;
    try {
      const db = await getDb();
      const auth = config.auth && config.auth !== "none" ? await authenticateFor({ db, request, ignoreInvalidToken: config.ignoreInvalidToken }) : undefined;
      if ((config.auth === "user" || config.auth === "admin") && !auth) {
        throw new ApiError("unauthorized", "Sign in first: send Authorization: Bearer <accessToken>.");
      }
      if (config.auth === "admin" && !auth?.user.isAdmin) {
        throw new ApiError("forbidden", "Only administrators can do this.");
      }
      const query = config.query ? parseWith(config.query, queryObject(url), "query string") : undefined;
      let body: unknown;
      if (config.body) {
        const raw = await readJsonBody(request, { optional: config.bodyOptional });
        body = parseWith(config.body, raw, "request body");
      }
      const rawParams = (next ? await next.params : undefined) ?? {};
      const pathParams = Object.fromEntries(Object.entries(rawParams).map(([key, value]) => [key, String(value)]));
      const params = config.params ? parseParams(config.params, pathParams, config.paramsNotFound) : pathParams;
      const result = await handler({
        request,
        requestId,
        db,
        body,
        query,
        params,
        auth,
        clientAddress: clientAddress(request.headers),
        clientIp: clientIp(request.headers),
      } as RouteContext<B, Q, A, P>);
      response = result instanceof Response ? result : Response.json(result, { headers: { "cache-control": "no-store" } });
      response.headers.set("x-request-id", requestId);
    } catch (error) {
      response = errorToResponse(error, requestId);
    }
    logger().info(
      { requestId, method: request.method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - started) },
      "request",
    );
    return response;
  };
  // The contract test compares the configuration with the route's OpenAPI block.
  return Object.assign(handle, { config });
}

/** A JSON answer with a status and extra headers. */
export function json(data: unknown, init: { status?: number; headers?: Headers } = {}): Response {
  const headers = init.headers ?? new Headers();
  headers.set("cache-control", "no-store");
  return Response.json(data, { status: init.status ?? 200, headers });
}
