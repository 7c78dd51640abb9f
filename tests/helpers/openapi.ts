import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";
import document from "@/lib/openapi/openapi.generated.json";
import type { ApiResponse } from "./api";

type Json = Record<string, any>;

export const openApiDocument = document as Json;

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "openapi.json", components: openApiDocument.components }, "openapi.json");

const documentedPaths = Object.keys(openApiDocument.paths).map((template) => ({
  template,
  regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`),
}));

/** The documented operation for a request, or undefined. */
export function documentedOperation(method: string, path: string): Json | undefined {
  const pathname = new URL(path, "http://localhost").pathname;
  const match = documentedPaths.find(({ regex }) => regex.test(pathname));
  return match ? openApiDocument.paths[match.template]?.[method.toLowerCase()] : undefined;
}

/** An operation's response for a status, with a shared response (`#/components/responses/…`) resolved. */
export function documentedResponse(operation: Json, status: string | number): Json | undefined {
  const response = operation.responses?.[String(status)] as Json | undefined;
  const ref = response?.$ref as string | undefined;
  return ref ? openApiDocument.components.responses[ref.replace("#/components/responses/", "")] : response;
}

/**
 * Fails unless the answer is one the document promises for this operation: a documented status, the documented
 * media type, and a body valid against the documented schema (the zod-generated component).
 */
export function expectDocumented(method: string, path: string, response: ApiResponse): void {
  const where = `${method} ${path} → ${response.status}`;
  const operation = documentedOperation(method, path);
  expect(operation, `${method} ${path} is not in the OpenAPI document`).toBeDefined();
  const documented = documentedResponse(operation!, response.status)!;
  expect(documented, `${where} is not a documented response (${response.text.slice(0, 200)})`).toBeDefined();
  for (const header of Object.keys((documented.headers as Json | undefined) ?? {})) {
    expect(response.headers.get(header), `${where}: header ${header} is documented but missing`).not.toBeNull();
  }
  const content = documented.content as Record<string, { schema: Json }> | undefined;
  if (!content) {
    expect(response.text, `${where} should have no body`).toBe("");
    return;
  }
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  expect(Object.keys(content), `${where}: undocumented content type ${mediaType}`).toContain(mediaType);
  const schema = content[mediaType]!.schema;
  const validate = ajv.compile(typeof schema.$ref === "string" ? { $ref: `openapi.json${schema.$ref}` } : schema);
  const valid = validate(response.body);
  expect(valid, `${where}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(response.body, null, 2).slice(0, 2000)}`).toBe(true);
  if (mediaType === "application/problem+json") {
    expect(documented.description as string, `${where}: code ${response.body.code} is not listed`).toContain(`\`${response.body.code}\``);
  }
}

