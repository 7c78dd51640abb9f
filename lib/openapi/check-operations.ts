import { isObject, type Json } from "./schema-refs";

/**
 * Every operation names itself (`operationId`: a verb and a noun, such as `updateAdminUser`; generated clients use
 * it) once in the document, and uses only declared tags.
 */
export function checkOperations({ paths, tags }: { paths: Json; tags: readonly { name: string }[] }): void {
  const declared = new Set(tags.map((tag) => tag.name));
  const seen = new Map<string, string>();
  for (const [urlPath, operations] of Object.entries(paths).filter(([, value]) => isObject(value))) {
    for (const [method, operation] of Object.entries(operations as Json).filter(([, value]) => isObject(value))) {
      const where = `${method.toUpperCase()} ${urlPath}`;
      const { operationId, tags: used } = operation as Json;
      if (typeof operationId !== "string" || !operationId) throw new Error(`${where}: give the operation an operationId (a verb and a noun, e.g. updateAdminUser).`);
      const other = seen.get(operationId);
      if (other) throw new Error(`${where}: operationId ${operationId} is already used by ${other}.`);
      seen.set(operationId, where);
      for (const tag of (Array.isArray(used) ? used : []) as unknown[]) {
        if (typeof tag !== "string" || !declared.has(tag)) throw new Error(`${where}: the tag ${JSON.stringify(tag)} is not declared in lib/openapi/openapi-definition.ts.`);
      }
    }
  }
}
