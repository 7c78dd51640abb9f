import { isObject, type Json } from "./schema-refs";

/**
 * Paths in reading order: ReDoc lists a tag's operations in the order of the paths. By the first operation's tag
 * (as declared), then by `operationOrder` (operations named there come first, in that order), then by path.
 */
export function orderPaths({ paths, tags, operationOrder }: { paths: Json; tags: readonly { name: string }[]; operationOrder: string[] }): Json {
  const tagNames = tags.map((tag) => tag.name);
  const rank = (operations: unknown): [number, number] => {
    const first = Object.values(isObject(operations) ? operations : {}).filter(isObject);
    const tag = first.flatMap((operation) => (Array.isArray(operation.tags) ? (operation.tags as unknown[]) : []))[0];
    const flow = Math.min(...first.map((operation) => operationOrder.indexOf(String(operation.operationId))).map((index) => (index < 0 ? Infinity : index)));
    const tagIndex = tagNames.indexOf(String(tag));
    return [tagIndex < 0 ? Infinity : tagIndex, flow];
  };
  const compare = (x: number, y: number) => (x === y ? 0 : x < y ? -1 : 1);
  const sorted = Object.entries(paths).sort(([pathA, a], [pathB, b]) => {
    const [tagA, flowA] = rank(a);
    const [tagB, flowB] = rank(b);
    return compare(tagA, tagB) || compare(flowA, flowB) || pathA.localeCompare(pathB);
  });
  return Object.fromEntries(sorted);
}
