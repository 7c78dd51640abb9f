import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createSwaggerSpec } from "next-swagger-doc";
import { ACCESS_COOKIE } from "@/lib/sessions/session-cookies";
import { applyRouteConfig } from "./apply-route-config";
import { checkOperations } from "./check-operations";
import { completeProblemResponse, completeProblemResponses } from "./complete-problem-responses";
import { componentSchemas } from "./component-schemas";
import { type SharedProblem, sharedProblems } from "./generated-problems";
import { sharedProblemResponses } from "./merge-problem-responses";
import { openApiDefinition, operationOrder } from "./openapi-definition";
import { orderPaths } from "./order-paths";
import { tagOfPath } from "./path-tags";
import { routeHandlers } from "./route-config";
import type { Json } from "./schema-refs";

/** Files under `dir` (relative to `root`) whose name is `name`, sorted so the document is stable. */
function findFiles(root: string, dir: string, name: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === name)
    .map((file) => path.join(root, dir, file))
    .sort();
}

/** The documented route files: the API under app/api, and the well-known documents (the JWKS). */
function routeFiles(root: string): string[] {
  return [...findFiles(root, "app/api", "route.ts"), ...findFiles(root, "app/.well-known", "route.ts")];
}

/** Every exported handler of the route files, with its `route()` configuration. */
async function loadRouteHandlers(root: string) {
  const modules: Record<string, Record<string, unknown>> = {};
  for (const file of routeFiles(root)) {
    modules[path.relative(root, file)] = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  }
  return routeHandlers(modules);
}

/**
 * The OpenAPI 3.1 document: each operation's words and domain errors from the `@openapi` block above its route
 * handler (next-swagger-doc); security, the success answer, request body, parameters and the shared problem answers
 * from the handler's `route()` configuration; the tag from the path (unless the block names one); component schemas from the zod schemas (every `lib/**\/schemas.ts`).
 */
export async function buildOpenApiDocument({ root }: { root: string }): Promise<Json> {
  for (const file of findFiles(root, "lib", "schemas.ts")) await import(pathToFileURL(file).href);
  const handlers = await loadRouteHandlers(root);
  const spec = createSwaggerSpec({
    apiFolder: "app/api",
    // Only the sources: next-swagger-doc would also read .next/ and public/ by default.
    // swagger-jsdoc reads these as glob patterns: a dynamic segment such as [id] must match itself literally.
    apis: routeFiles(root).map((file) => file.replace(/[[\]]/g, (bracket) => `[${bracket}]`)),
    failOnErrors: true,
    definition: openApiDefinition,
  }) as Json;
  const paths = spec.paths as Record<string, Record<string, Json>>;
  const referenced = new Set<SharedProblem>();
  for (const { path: urlPath, method, config } of handlers) {
    const operation = paths[urlPath]?.[method];
    if (!operation) throw new Error(`${method.toUpperCase()} ${urlPath} has no @openapi block.`);
    applyRouteConfig({ urlPath, method, operation, config }).forEach((problem) => referenced.add(problem));
    operation.tags ??= [tagOfPath(urlPath)];
  }
  const tags = openApiDefinition.tags ?? [];
  checkOperations({ paths, tags });
  completeProblemResponses({ paths });
  const responses = sharedProblemResponses(referenced);
  for (const [name, response] of Object.entries(responses)) {
    completeProblemResponse({ where: `components.responses.${name}`, status: sharedProblems[name as SharedProblem].status, response });
  }
  const components = spec.components as Json;
  return {
    ...spec,
    paths: orderPaths({ paths, tags, operationOrder }),
    components: { ...components, responses, schemas: componentSchemas({ paths }), securitySchemes: securitySchemes() },
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
