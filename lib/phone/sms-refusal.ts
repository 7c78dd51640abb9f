import { type PhoneNumberType, parsePhoneNumberFromString } from "libphonenumber-js/max";

/** What the number is, when it is not a mobile one, as the refusal says it. */
const notMobile: Record<Exclude<PhoneNumberType, "MOBILE" | "FIXED_LINE_OR_MOBILE">, string> = {
  FIXED_LINE: "a landline",
  PREMIUM_RATE: "a premium-rate number",
  TOLL_FREE: "a toll-free number",
  SHARED_COST: "a shared-cost number",
  VOIP: "a VoIP number",
  PERSONAL_NUMBER: "a personal (forwarding) number",
  PAGER: "a pager number",
  UAN: "a company (UAN) number",
  VOICEMAIL: "a voicemail number",
};

interface SmsRefusalInput {
  /** E.164, already normalised. */
  phone: string;
  /** Regions whose numbers may get an SMS, or `*` for all. */
  allowedRegions: "*" | readonly string[];
}

/**
 * Why a number must not get an SMS, or undefined when it may: only mobile (or fixed-line-or-mobile) numbers of
 * an allowed region. Numbers of no region (+881 and +870 satellite, +979 international premium-rate, +800
 * and the like) are refused even with `*`: they belong to no country, and libphonenumber calls satellite
 * numbers "mobile", so the type alone would let them through.
 */
export function smsRefusal({ phone, allowedRegions }: SmsRefusalInput): string | undefined {
  const parsed = parsePhoneNumberFromString(phone);
  const region = parsed?.country;
  if (!region) {
    return "Codes are not sent to international numbers that belong to no country (satellite phones, international premium-rate and similar services).";
  }
  if (allowedRegions !== "*" && !allowedRegions.includes(region)) {
    return `Codes are not sent to numbers of region ${region}; this service sends them to ${allowedRegions.join(", ")} numbers only.`;
  }
  const type = parsed.getType();
  if (type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE") return undefined;
  return `Codes are sent to mobile numbers only; this is ${type ? notMobile[type] : "a number of unknown type"}.`;
}
