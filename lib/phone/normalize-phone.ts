import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";

/**
 * E.164 for a number given in E.164 or in the national format of DEFAULT_PHONE_REGION
 * (`8 (999) 123-45-67`, `+7 999 123 45 67`). Unparsable or impossible numbers are `400 invalid_phone`.
 */
export function normalizePhone({ phone, region }: { phone: string; region?: string }): string {
  const defaultCountry = (region ?? env().DEFAULT_PHONE_REGION) as CountryCode;
  const input = phone.trim();
  const parsed = /[0-9]/.test(input) && input.length <= 32 ? parsePhoneNumberFromString(input, defaultCountry) : undefined;
  if (!parsed?.isValid()) {
    throw new ApiError("invalid_phone", `"${input.slice(0, 32)}" is not a valid phone number.`);
  }
  return parsed.number;
}
