/**
 * An invite code from a `?ref=` link, upper case, or undefined when it cannot be one. Only ASCII letters and
 * digits count, checked before upper-casing (which turns `ſ`, `ı`, `ß`, `ﬀ` into ASCII).
 */
export function normalizeRefCode(value: string | string[] | undefined): string | undefined {
  const code = typeof value === "string" ? value.trim() : undefined;
  return code && /^[A-Za-z0-9]{6}$/.test(code) ? code.toUpperCase() : undefined;
}
