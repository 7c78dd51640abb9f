/**
 * A path of this site to send the browser to (`/profile?ref=AB12CD`), or undefined for anything that could lead
 * elsewhere: absolute URLs, protocol-relative `//host` and `/\host`, and anything not starting with one `/`.
 */
export function sameOriginPath(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  try {
    // Resolved against a placeholder origin: whatever survives with the same origin is a path of this site.
    const url = new URL(value, "http://this.invalid");
    return url.origin === "http://this.invalid" ? `${url.pathname}${url.search}${url.hash}` : undefined;
  } catch {
    return undefined;
  }
}

/** The path (with query) of a Referer header, to return to the same page; `/` when there is none. */
export function refererPath(referer: string | null | undefined): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}
