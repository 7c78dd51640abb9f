/** An invite code from a `?ref=` link, upper case, or undefined when it cannot be one. */
export function normalizeRefCode(value: string | string[] | undefined): string | undefined {
  const code = typeof value === "string" ? value.trim().toUpperCase() : undefined;
  return code && /^[A-Z0-9]{6}$/.test(code) ? code : undefined;
}
