import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { smsRefusal } from "./sms-refusal";

const NOT_MOBILE = (what: string) => `Codes are sent to mobile numbers only; this is ${what}.`;

describe("smsRefusal", () => {
  it.each([
    ["+79991234567", "RU", "MOBILE"],
    ["+14155552671", "US", "FIXED_LINE_OR_MOBILE"],
    ["+5511961234567", "BR", "MOBILE"],
  ])("lets %s (%s %s) through when its region is allowed", (phone, region, type) => {
    expect(parsePhoneNumberFromString(phone)?.getType()).toBe(type);
    expect(smsRefusal({ phone, allowedRegions: [region] })).toBeUndefined();
    expect(smsRefusal({ phone, allowedRegions: "*" })).toBeUndefined();
  });

  it.each([
    ["+4930123456", "FIXED_LINE", "a landline"],
    ["+448431234567", "PREMIUM_RATE", "a premium-rate number"],
    ["+78001234567", "TOLL_FREE", "a toll-free number"],
    ["+33810123456", "SHARED_COST", "a shared-cost number"],
    ["+445612345678", "VOIP", "a VoIP number"],
    ["+447012345678", "PERSONAL_NUMBER", "a personal (forwarding) number"],
    ["+447640123456", "PAGER", "a pager number"],
    ["+445512345678", "UAN", "a company (UAN) number"],
    ["+41860791234567", "VOICEMAIL", "a voicemail number"],
  ])("refuses %s (%s) as %s, in any region", (phone, type, what) => {
    const parsed = parsePhoneNumberFromString(phone);
    expect(parsed?.isValid()).toBe(true);
    expect(parsed?.getType()).toBe(type);
    expect(smsRefusal({ phone, allowedRegions: "*" })).toBe(NOT_MOBILE(what));
    expect(smsRefusal({ phone, allowedRegions: [parsed!.country!] })).toBe(NOT_MOBILE(what));
  });

  it("names the region and the served ones when the region is not allowed", () => {
    expect(smsRefusal({ phone: "+77012345678", allowedRegions: ["RU"] })).toBe(
      "Codes are not sent to numbers of region KZ; this service sends them to RU numbers only.",
    );
    expect(smsRefusal({ phone: "+4930123456", allowedRegions: ["RU", "KZ"] })).toBe(
      "Codes are not sent to numbers of region DE; this service sends them to RU, KZ numbers only.",
    );
  });

  it.each(["+881612345678", "+870773111632", "+979123456789", "+80012345678", "garbage"])(
    "refuses %s, which belongs to no region, even with *",
    (phone) => {
      expect(smsRefusal({ phone, allowedRegions: "*" })).toMatch(/^Codes are not sent to international numbers that belong to no country/);
    },
  );

  it("refuses a number whose type cannot be told", () => {
    expect(smsRefusal({ phone: "+79991234", allowedRegions: "*" })).toBe(NOT_MOBILE("a number of unknown type"));
  });
});
