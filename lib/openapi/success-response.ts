import { z } from "zod";
import type { DocumentedRouteConfig } from "./route-config";
import { isObject, type Json, SCHEMA_REF } from "./schema-refs";

export type SuccessResponse = NonNullable<DocumentedRouteConfig["response"]>;

/**
 * Writes the success answer of `route({ response })` into an operation's responses: its status (200 unless
 * given), description and, with a schema, the JSON content as a `$ref` to the schema's component. The block may
 * extend that response (headers, a longer description), but not write its content again.
 */
export function applySuccessResponse({ where, responses, response }: { where: string; responses: Json; response: SuccessResponse }): Json {
  const status = String(response.status ?? 200);
  const generated: Json = { description: response.description };
  if (response.schema) {
    const id = z.globalRegistry.get(response.schema)?.id;
    if (!id) throw new Error(`${where}: give the response schema a component name, .meta({ id }).`);
    generated.content = { "application/json": { schema: { $ref: `${SCHEMA_REF}${id}` } } };
  }
  const written = responses[status];
  if (written !== undefined && !isObject(written)) throw new Error(`${where}: the ${status} response must be an object.`);
  if (written && "content" in written) {
    throw new Error(`${where}: the ${status} response is generated from route({ response }); remove its content from the block.`);
  }
  return { ...responses, [status]: { ...generated, ...written } };
}
