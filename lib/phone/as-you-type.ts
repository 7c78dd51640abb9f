import { AsYouType, type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/min";
import { isPhoneCountry, type PhoneCountry } from "./phone-countries";

/**
 * What the phone field shows while someone types: the digits grouped as that country writes them
 * (`999 123-45-67` for Russia), and the country the number turned out to be when it starts with `+`.
 */
export function typePhone(value: string, country: PhoneCountry): { text: string; country?: PhoneCountry } {
  const typing = new AsYouType(value.trim().startsWith("+") ? undefined : country);
  const text = typing.input(value);
  const detected = typing.getCountry();
  return { text, country: detected && isPhoneCountry(detected) ? detected : undefined };
}

/** The number to send: E.164 when it parses for the chosen country, otherwise as typed (the API names the problem). */
export function phoneToSend(value: string, country: PhoneCountry): string {
  const parsed = parsePhoneNumberFromString(value, { defaultCountry: country as CountryCode });
  return parsed?.isPossible() ? parsed.number : value.trim();
}
