import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createSwaggerSpec } from "next-swagger-doc";
import { ACCESS_COOKIE } from "@/lib/sessions/session-cookies";
import { completeProblemResponses } from "./complete-problem-responses";
import { componentSchemas } from "./component-schemas";
import { defaultOperationIds } from "./default-operation-ids";
import { openApiDefinition } from "./openapi-definition";
import { queryParameters } from "./query-parameters";
import type { Json } from "./schema-refs";

/** Files under `dir` (relative to `root`) whose name is `name`, sorted so the document is stable. */
function findFiles(root: string, dir: string, name: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === name)
    .map((file) => path.join(root, dir, file))
    .sort();
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
    // swagger-jsdoc reads these as glob patterns: a dynamic segment such as [id] must match itself literally.
    apis: [...findFiles(root, "app/api", "route.ts"), ...findFiles(root, "app/.well-known", "route.ts")].map((file) => file.replace(/[[\]]/g, (bracket) => `[${bracket}]`)),
    failOnErrors: true,
    definition: openApiDefinition,
  }) as Json;
  const paths = Object.fromEntries(Object.entries(spec.paths as Json).sort(([a], [b]) => a.localeCompare(b)));
  queryParameters({ paths });
  defaultOperationIds({ paths });
  completeProblemResponses({ paths });
  const components = spec.components as Json;
  return {
    ...spec,
    paths,
    components: { ...components, schemas: componentSchemas({ paths }), securitySchemes: securitySchemes() },
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
