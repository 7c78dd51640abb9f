import type { Json } from "./schema-refs";

/** `post /api/v1/profile/invite-code` → `postProfileInviteCode`, for blocks that do not name their operation. */
export function defaultOperationIds({ paths }: { paths: Json }): void {
  for (const [route, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations as Json)) {
      const words = route.replace(/^\/api(\/v\d+)?\//, "").split(/[^A-Za-z0-9]+/).filter(Boolean);
      const name = method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
      (operation as Json).operationId ??= name;
    }
  }
}
