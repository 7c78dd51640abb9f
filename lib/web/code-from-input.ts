/**
 * What a code field keeps of what was typed or pasted: exactly the code. `" 42 09 "` and `"42-09"` are `4209`;
 * a whole SMS gives its code: the WebOTP line's `#4209` when there is one, else the first run of exactly `length`
 * digits, else the digits in order. Non-digits are stripped before the length is cut, never after.
 */
export function codeFromInput(value: string, length: number): string {
  const webOtp = /(?:^|\s)@\S+\s+#(\d+)\s*$/.exec(value);
  if (webOtp?.[1]?.length === length) return webOtp[1];
  const runs = value.match(/\d+/g) ?? [];
  if (runs.length > 1 && /\D{2,}/.test(value.trim())) {
    const exact = runs.find((run) => run.length === length);
    if (exact) return exact;
  }
  return value.replace(/\D/g, "").slice(0, length);
}
