import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * An E.164 number the way people write it: the country code, then the national number grouped as in that
 * country (`+7 999 123-45-67`, `+1 415 555-2671`, `+44 20 7946 0958`). Whatever cannot be parsed is shown as
 * it is.
 */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  // The national format groups the digits as the country writes them ("8 (999) 123-45-67"); keep the part that
  // holds the national significant number, without a national prefix or brackets.
  const national = parsed.formatNational();
  const wanted = parsed.nationalNumber.length;
  let digits = 0;
  let start = national.length;
  while (start > 0 && digits < wanted) {
    start -= 1;
    if (/\d/.test(national[start]!)) digits += 1;
  }
  if (digits < wanted) return parsed.formatInternational();
  const grouped = national.slice(start).replace(/[()]/g, "").replace(/\s+/g, " ").trim();
  return `+${parsed.countryCallingCode} ${grouped}`;
}

/** The same items with their `phone` written for people (for lists shown on the pages, never sent back). */
export function withFormattedPhones<T extends { phone: string }>(items: readonly T[]): T[] {
  return items.map((item) => ({ ...item, phone: formatPhone(item.phone) }));
}
