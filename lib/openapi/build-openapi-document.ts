import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createSwaggerSpec } from "next-swagger-doc";
import { z } from "zod";
import { type ErrorCode, errorCodes } from "@/lib/http/error-codes";
import { problemBody } from "@/lib/http/problem";
import { ACCESS_COOKIE } from "@/lib/sessions/session-cookies";
import { openApiDefinition } from "./openapi-definition";

type Json = Record<string, unknown>;
type Side = "input" | "output";

const SCHEMA_REF = "#/components/schemas/";
const PROBLEM_JSON = "application/problem+json";

/** Files under `dir` (relative to `root`) whose name is `name`, sorted so the document is stable. */
function findFiles(root: string, dir: string, name: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === name)
    .map((file) => path.join(root, dir, file))
    .sort();
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every `$ref` to a component schema inside `value`. */
function schemaRefs(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => schemaRefs(item, found));
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string" && child.startsWith(SCHEMA_REF)) found.add(child.slice(SCHEMA_REF.length));
      else schemaRefs(child, found);
    }
  }
  return found;
}

/** zod's JSON Schema made fit for components: no per-schema `$schema`/`$id`, no ±2^53 bounds on integers. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "$schema" || key === "$id") continue;
    if ((key === "minimum" || key === "maximum") && Math.abs(child as number) === Number.MAX_SAFE_INTEGER) continue;
    out[key] = tidy(child);
  }
  return out;
}

function registrySchemas(io: Side): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { target: "draft-2020-12", io, uri: (id) => `${SCHEMA_REF}${id}` });
  return schemas;
}

/**
 * Component schemas for exactly the schemas the operations use: request bodies and parameters get zod's input
 * side (what validation accepts), responses its output side (what handlers send). A schema used on both sides
 * must look the same on both, or the document could not be true for one of them.
 */
function componentSchemas(paths: Json): Record<string, unknown> {
  const sides = { input: registrySchemas("input"), output: registrySchemas("output") };
  const uses = { input: new Set<string>(), output: new Set<string>() };
  for (const operations of Object.values(paths).filter(isObject)) {
    for (const operation of Object.values(operations).filter(isObject)) {
      schemaRefs([operation.requestBody, operation.parameters], uses.input);
      schemaRefs(operation.responses, uses.output);
    }
  }
  const chosen: Record<string, unknown> = {};
  const visit = (id: string, side: Side) => {
    const schema = sides[side][id];
    if (schema === undefined) throw new Error(`The OpenAPI blocks reference ${SCHEMA_REF}${id}, but no zod schema has .meta({ id: "${id}" }).`);
    if (id in chosen) {
      if (JSON.stringify(chosen[id]) !== JSON.stringify(tidy(schema))) {
        throw new Error(`Schema ${id} is used by both requests and responses but validates differently on each side; split it.`);
      }
      return;
    }
    chosen[id] = tidy(schema);
    schemaRefs(schema).forEach((ref) => visit(ref, side));
  };
  uses.input.forEach((id) => visit(id, "input"));
  uses.output.forEach((id) => visit(id, "output"));
  return Object.fromEntries(Object.entries(chosen).sort(([a], [b]) => a.localeCompare(b)));
}

const exampleDetails: Partial<Record<ErrorCode, string>> = {
  invalid_json: "The request body is not valid JSON: Unexpected end of JSON input",
  validation_error: "The request body has invalid or missing fields.",
  invite_code_not_found: "There is no invite code ZZZZZZ. Check it and try again.",
  invite_already_activated: "You have already activated the invite code TI0MFX; an account can activate only one.",
  invalid_phone: "\"12\" is not a valid phone number.",
  unauthorized: "Sign in first: send Authorization: Bearer <accessToken>.",
  invalid_token: "The session has ended. Sign in again.",
  invalid_code: "The code is wrong. 2 tries left.",
  rate_limited: "A code was sent to this number a moment ago. Please wait before asking for another.",
  too_many_attempts: "Too many wrong tries for this code. Request a new code.",
  sms_failed: "The SMS could not be sent. Please try again in a moment.",
  service_unavailable: "The database is unavailable. Please try again shortly.",
};

/** `post /api/v1/profile/invite-code` → `postProfileInviteCode`, for blocks that do not name their operation. */
function defaultOperationIds(paths: Json): void {
  for (const [route, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations as Json)) {
      const words = route.replace(/^\/api(\/v\d+)?\//, "").split(/[^A-Za-z0-9]+/).filter(Boolean);
      const name = method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
      (operation as Json).operationId ??= name;
    }
  }
}

/**
 * Error responses name their codes in backticks in the description. Each code must exist and have the
 * response's status; the response gets one example per code, built by the same function the API uses.
 */
function completeProblemResponses(paths: Json): void {
  for (const [route, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations as Json)) {
      const responses = (operation as Json).responses as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        const media = (response.content as Record<string, Json> | undefined)?.[PROBLEM_JSON];
        if (!media) continue;
        const where = `${method.toUpperCase()} ${route} ${status}`;
        const words = [...String(response.description).matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!);
        const unknown = words.find((word) => word.includes("_") && !(word in errorCodes));
        if (unknown) throw new Error(`${where}: \`${unknown}\` is not in lib/http/error-codes.ts.`);
        const codes = words.filter((word, index): word is ErrorCode => word in errorCodes && words.indexOf(word) === index);
        if (codes.length === 0) throw new Error(`${where}: name its error codes in backticks in the description.`);
        for (const code of codes) {
          if (String(errorCodes[code].status) !== status) throw new Error(`${where}: \`${code}\` is answered with ${errorCodes[code].status}.`);
        }
        media.examples = Object.fromEntries(
          codes.map((code) => {
            const errors = code === "validation_error" ? [{ path: "phone", message: "Enter a phone number." }] : undefined;
            const value = { ...problemBody(code, exampleDetails[code] ?? `${errorCodes[code].title}.`, errors), requestId: "3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b" };
            return [code, { summary: errorCodes[code].title, value }];
          }),
        );
        if (status === "429" || status === "503") {
          response.headers = {
            "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } },
            ...(response.headers as Json | undefined),
          };
        }
      }
    }
  }
}

/**
 * The OpenAPI 3.1 document: operations from the `@openapi` blocks above the route handlers (next-swagger-doc),
 * component schemas from the zod schemas that validate requests (every `lib/**\/schemas.ts`).
 */
export async function buildOpenApiDocument({ root }: { root: string }): Promise<Json> {
  for (const file of findFiles(root, "lib", "schemas.ts")) await import(pathToFileURL(file).href);
  const spec = createSwaggerSpec({
    apiFolder: "app/api",
    // Only the sources: next-swagger-doc would also read .next/ and public/ by default.
    apis: findFiles(root, "app/api", "route.ts"),
    failOnErrors: true,
    definition: openApiDefinition,
  }) as Json;
  const paths = Object.fromEntries(Object.entries(spec.paths as Json).sort(([a], [b]) => a.localeCompare(b)));
  defaultOperationIds(paths);
  completeProblemResponses(paths);
  const components = spec.components as Json;
  return {
    ...spec,
    paths,
    components: { ...components, schemas: componentSchemas(paths), securitySchemes: securitySchemes() },
  };
}

function securitySchemes(): Json {
  return {
    bearerAuth: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: "The `accessToken` of /api/v1/auth/verify or /api/v1/auth/refresh: `Authorization: Bearer <accessToken>`.",
    },
    cookieAuth: {
      type: "apiKey",
      in: "cookie",
      name: ACCESS_COOKIE,
      description:
        "The httpOnly cookie set by the same sign-in, for the web pages. Requests that change data must come from this site (Origin or Sec-Fetch-Site), otherwise `403 csrf_rejected`.",
    },
  };
}
