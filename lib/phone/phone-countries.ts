/**
 * The countries the sign-in page offers in its country code selector, with their calling codes (checked against
 * libphonenumber-js by the test). Kept here, small, so that the selector costs the page next to nothing; the
 * formatting library itself is loaded when the phone field is first used (lib/phone/as-you-type.ts).
 */
export const PHONE_COUNTRIES = {
  RU: "7",
  KZ: "7",
  BY: "375",
  UZ: "998",
  KG: "996",
  TJ: "992",
  AM: "374",
  AZ: "994",
  GE: "995",
  MD: "373",
  UA: "380",
  TR: "90",
  IL: "972",
  DE: "49",
  GB: "44",
  US: "1",
} as const;

export type PhoneCountry = keyof typeof PHONE_COUNTRIES;

export function isPhoneCountry(value: string): value is PhoneCountry {
  return Object.hasOwn(PHONE_COUNTRIES, value);
}
