/** Each operation's tag, by the start of its path; the longest matching prefix wins. A block may name another. */
export const PATH_TAGS: readonly (readonly [prefix: string, tag: string])[] = [
  ["/api/v1/auth", "Sign-in"],
  ["/.well-known", "Sign-in"],
  ["/api/v1/profile", "Profile"],
  ["/api/v1/avatars", "Profile"],
  ["/api/v1/admin/webhooks", "Webhooks"],
  ["/api/v1/admin", "Administration"],
  ["/api/v1/dev", "Development"],
  ["/api/health", "Operations"],
  ["/api/openapi.json", "Operations"],
];

function startsWithSegment(urlPath: string, prefix: string): boolean {
  return urlPath === prefix || urlPath.startsWith(`${prefix}/`);
}

/** The tag of an operation on `urlPath` (`/api/v1/admin/webhooks/{id}` → `Webhooks`). */
export function tagOfPath(urlPath: string, table: typeof PATH_TAGS = PATH_TAGS): string {
  const matches = table.filter(([prefix]) => startsWithSegment(urlPath, prefix)).sort(([a], [b]) => b.length - a.length);
  if (matches.length === 0) throw new Error(`${urlPath}: no tag for this path; add its prefix to lib/openapi/path-tags.ts or name a tag in the block.`);
  return matches[0]![1];
}
