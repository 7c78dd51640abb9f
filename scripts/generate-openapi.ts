// Writes lib/openapi/openapi.generated.json (served at /api/openapi.json), lib/http/api-routes.generated.json (every
// API path and its methods, for the answers 404 and 405 in proxy.ts) and copies ReDoc's bundle into public/redoc/.
// Runs before build, dev, lint, typecheck and tests: a standalone build has no source comments to read at run time.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";
import type { Json } from "@/lib/openapi/schema-refs";

const root = process.cwd();

function writeIfChanged(file: string, content: string): void {
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current === content) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`wrote ${path.relative(root, file)}`);
}

// ReDoc's sidebar credit loads a logo from Redocly's CDN; /redoc makes no outside request, so it gets an empty image.
const REDOCLY_CDN_LOGO = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';

function redocBundle(): string {
  const bundle = readFileSync(path.join(root, "node_modules/redoc/bundles/redoc.standalone.js"), "utf8");
  const parts = bundle.split(REDOCLY_CDN_LOGO);
  if (parts.length !== 2) throw new Error(`Expected ReDoc's bundle to name ${REDOCLY_CDN_LOGO} once; check it after upgrading redoc.`);
  return parts.join('"data:,"');
}

/**
 * The API's paths (`/api/v1/users/{id}`) and the methods their handlers export, from the document: the contract
 * test keeps it equal to the route files, so proxy.ts knows the routes without reading app/api at run time.
 */
function apiRoutes(document: Json): { path: string; methods: string[] }[] {
  return Object.entries(document.paths as Record<string, Json>)
    .map(([urlPath, operations]) => ({ path: urlPath, methods: Object.keys(operations).map((method) => method.toUpperCase()).sort() }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

async function main(): Promise<void> {
  const document = await buildOpenApiDocument({ root });
  writeIfChanged(path.join(root, "lib/openapi/openapi.generated.json"), `${JSON.stringify(document, null, 2)}\n`);
  writeIfChanged(path.join(root, "lib/http/api-routes.generated.json"), `${JSON.stringify({ routes: apiRoutes(document) }, null, 2)}\n`);
  writeIfChanged(path.join(root, "public/redoc/redoc.standalone.js"), redocBundle());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
