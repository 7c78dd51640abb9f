import { eq } from "drizzle-orm";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { setSmsProviderForTests } from "@/lib/sms/get-sms-provider";
import { SmsDeliveryError, type SmsMessage } from "@/lib/sms/sms-provider";
import { api } from "../helpers/api";
import { captureLogs } from "../helpers/capture-logs";
import { setEnv } from "../helpers/env";
import { passCooldown, rateLimitCount, shiftRateLimit, uniquePhone } from "../helpers/flows";
import { expectDocumented } from "../helpers/openapi";
import { expectProblem, expectRetryAfter } from "../helpers/problems";

const HOUR = 3600;

let addressCounter = 0;
function uniqueAddress(): string {
  addressCounter += 1;
  return `192.0.2.${addressCounter}`;
}

const sent: SmsMessage[] = [];
let failDelivery = false;

beforeEach(() => {
  sent.length = 0;
  failDelivery = false;
  setSmsProviderForTests({
    name: "simulated",
    send: (message) => {
      sent.push(message);
      return failDelivery ? Promise.reject(new SmsDeliveryError("gateway down")) : Promise.resolve();
    },
  });
});

afterEach(() => setSmsProviderForTests(undefined));

const requestCode = (phone: string, address = uniqueAddress()) => api.post("/api/v1/auth/code", { phone }, { address });

const NOT_MOBILE = (what: string) => `Codes are sent to mobile numbers only; this is ${what}.`;
const NO_REGION =
  "Codes are not sent to international numbers that belong to no country (satellite phones, international premium-rate and similar services).";
const REGION = (region: string, served: string) => `Codes are not sent to numbers of region ${region}; this service sends them to ${served} numbers only.`;

// Each number is checked below to be valid and of the stated type, so the refusals are for the stated reason.
const refused = [
  { input: "+7 809 123-45-67", e164: "+78091234567", country: "RU", type: "PREMIUM_RATE", detail: NOT_MOBILE("a premium-rate number") },
  { input: "+44 909 123 4567", e164: "+449091234567", country: "GB", type: "PREMIUM_RATE", detail: REGION("GB", "RU") },
  { input: "+1 900 234 5678", e164: "+19002345678", country: "US", type: "PREMIUM_RATE", detail: REGION("US", "RU") },
  { input: "+881 6 1234 5678", e164: "+881612345678", country: undefined, type: "MOBILE", detail: NO_REGION },
  { input: "+870 773 111 632", e164: "+870773111632", country: undefined, type: "MOBILE", detail: NO_REGION },
  { input: "+979 1234 56789", e164: "+979123456789", country: undefined, type: "PREMIUM_RATE", detail: NO_REGION },
  { input: "8 800 123-45-67", e164: "+78001234567", country: "RU", type: "TOLL_FREE", detail: NOT_MOBILE("a toll-free number") },
  { input: "+7 495 123-45-67", e164: "+74951234567", country: "RU", type: "FIXED_LINE", detail: NOT_MOBILE("a landline") },
  { input: "+7 701 234 5678", e164: "+77012345678", country: "KZ", type: "MOBILE", detail: REGION("KZ", "RU") },
] as const;

/** Every counter a code request for `phone` from `address` could touch. */
const countersOf = (phone: string, address: string) =>
  Promise.all(
    [
      rateLimitKeys.codesPerPhone(phone),
      rateLimitKeys.codesPerAddress(address),
      rateLimitKeys.resendPerPhone(phone),
      rateLimitKeys.smsPerHour(),
    ].map(rateLimitCount),
  );

describe("SMS_ALLOWED_REGIONS and the number type", () => {
  it.each(refused)("refuses $input ($country $type) with 400 phone_not_allowed, sends nothing and counts nothing", async (number) => {
    const parsed = parsePhoneNumberFromString(number.input, "RU");
    expect(parsed?.isValid()).toBe(true);
    expect(parsed?.number).toBe(number.e164);
    expect(parsed?.country).toBe(number.country);
    expect(parsed?.getType()).toBe(number.type);

    const address = uniqueAddress();
    const before = await countersOf(number.e164, address);
    const answer = await requestCode(number.input, address);
    expectProblem(answer, "phone_not_allowed", number.detail);
    expectDocumented("POST", "/api/v1/auth/code", answer);
    expect(sent).toEqual([]);
    expect(await countersOf(number.e164, address)).toEqual(before);
  });

  it("sends to a KZ mobile number with SMS_ALLOWED_REGIONS=RU,KZ and with *", async () => {
    const kz = "+77012345678";
    for (const regions of ["RU,KZ", "*"]) {
      const restore = setEnv({ SMS_ALLOWED_REGIONS: regions });
      try {
        expect((await requestCode(kz)).status).toBe(200);
        expect(sent.map((message) => message.phone)).toEqual([kz]);
        expect((await requestCode(uniquePhone())).status).toBe(200);
      } finally {
        restore();
      }
      sent.length = 0;
      await passCooldown(kz);
    }
  });

  it("with RU,KZ, still refuses other regions; with *, still refuses every type but mobile and numbers of no region", async () => {
    let restore = setEnv({ SMS_ALLOWED_REGIONS: "RU,KZ" });
    try {
      expectProblem(await requestCode("+449091234567"), "phone_not_allowed", REGION("GB", "RU, KZ"));
    } finally {
      restore();
    }
    restore = setEnv({ SMS_ALLOWED_REGIONS: "*" });
    try {
      expectProblem(await requestCode("+449091234567"), "phone_not_allowed", NOT_MOBILE("a premium-rate number"));
      expectProblem(await requestCode("+19002345678"), "phone_not_allowed", NOT_MOBILE("a premium-rate number"));
      expectProblem(await requestCode("+881612345678"), "phone_not_allowed", NO_REGION);
      expectProblem(await requestCode("+74951234567"), "phone_not_allowed", NOT_MOBILE("a landline"));
      // A US number may be either kind (FIXED_LINE_OR_MOBILE): it gets its SMS.
      expect(parsePhoneNumberFromString("+14155552671")?.getType()).toBe("FIXED_LINE_OR_MOBILE");
      expect((await requestCode("+14155552671")).status).toBe(200);
      expect(sent).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it("lets SMS_TEST_NUMBERS through whatever their region or type, since they never get an SMS", async () => {
    const restore = setEnv({ SMS_TEST_NUMBERS: "+74951234567=1234,+77012345678=4321" });
    try {
      for (const [phone, code] of [["+74951234567", "1234"], ["+77012345678", "4321"]] as const) {
        expect((await requestCode(phone)).status).toBe(200);
        const verified = await api.post("/api/v1/auth/verify", { phone, code });
        expect(verified.status, verified.text).toBe(200);
      }
      expect(sent).toEqual([]);
    } finally {
      restore();
    }
  });
});

describe("SMS_MAX_PER_HOUR", () => {
  const lines: string[] = [];
  let restoreEnv: () => void = () => undefined;

  let stopCapture: () => void = () => undefined;

  beforeAll(() => {
    restoreEnv = setEnv({ SMS_MAX_PER_HOUR: "3", LOG_LEVEL: "info" });
    stopCapture = captureLogs(lines).stop;
  });

  afterAll(() => {
    stopCapture();
    restoreEnv();
  });

  beforeEach(async () => {
    lines.length = 0;
    const db = await getDb();
    await db.delete(rateLimits).where(eq(rateLimits.key, rateLimitKeys.smsPerHour()));
  });

  const budgetErrors = () =>
    lines.map((line) => JSON.parse(line) as { level: number; msg: string; limit?: number }).filter((entry) => entry.level === 50);

  it("refuses code requests past the budget with 429 and Retry-After, and logs one error per window", async () => {
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    for (const phone of phones) expect((await requestCode(phone)).status).toBe(200);
    expect(budgetErrors()).toEqual([]);

    for (let i = 0; i < 3; i++) {
      const over = await requestCode(uniquePhone());
      expectProblem(over, "rate_limited", "This service has sent too many codes this hour. Please try again later.");
      expectRetryAfter(over, HOUR - 60, HOUR);
      expectDocumented("POST", "/api/v1/auth/code", over);
    }
    // A phone change is a code request too.
    const { accessToken } = await signInWithTestNumber("+79990000101");
    const change = await api.post("/api/v1/profile/phone", { phone: uniquePhone() }, { token: accessToken, address: uniqueAddress() });
    expectProblem(change, "rate_limited", "This service has sent too many codes this hour. Please try again later.");
    expect(sent).toHaveLength(3);
    expect(budgetErrors()).toEqual([expect.objectContaining({ msg: "SMS_MAX_PER_HOUR reached: code requests are refused until the hour is over", limit: 3 })]);

    // The next window gets its own error line, once.
    await shiftRateLimit(rateLimitKeys.smsPerHour(), HOUR);
    for (let i = 0; i < 5; i++) await requestCode(uniquePhone());
    expect(sent).toHaveLength(6);
    expect(budgetErrors()).toHaveLength(2);
  });

  it("is not spent by refused requests or test numbers, and a refusal by the budget leaves no cooldown behind", async () => {
    const restore = setEnv({ SMS_TEST_NUMBERS: "+79990000102=1234", OTP_MAX_PER_PHONE_PER_HOUR: "1" });
    try {
      const phone = uniquePhone();
      expect((await requestCode(phone)).status).toBe(200);
      expectProblem(await requestCode(phone), "rate_limited", "A code was sent to this number a moment ago. Please wait before asking for another.");
      await passCooldown(phone);
      expectProblem(await requestCode(phone), "rate_limited", "Too many codes requested for this number this hour. Please try again later.");
      expectProblem(await requestCode("+78091234567"), "phone_not_allowed", NOT_MOBILE("a premium-rate number"));
      expect((await requestCode("+79990000102")).status).toBe(200);
      expect(await rateLimitCount(rateLimitKeys.smsPerHour())).toBe(1);
    } finally {
      restore();
    }

    expect((await requestCode(uniquePhone())).status).toBe(200);
    expect((await requestCode(uniquePhone())).status).toBe(200);
    const refusedPhone = uniquePhone();
    expect((await requestCode(refusedPhone)).status).toBe(429);
    expect(await rateLimitCount(rateLimitKeys.resendPerPhone(refusedPhone))).toBe(0);
    await shiftRateLimit(rateLimitKeys.smsPerHour(), HOUR);
    expect((await requestCode(refusedPhone)).status).toBe(200);
  });

  // A message handed to the provider may be billed even when the answer is an error (a timeout), so it counts.
  it("counts a message the provider failed to take", async () => {
    failDelivery = true;
    expectProblem(await requestCode(uniquePhone()), "sms_failed", "The SMS could not be sent. Please try again in a moment.");
    expect(await rateLimitCount(rateLimitKeys.smsPerHour())).toBe(1);
  });
});

async function signInWithTestNumber(phone: string) {
  const restore = setEnv({ SMS_TEST_NUMBERS: `${phone}=1234` });
  try {
    expect((await requestCode(phone)).status).toBe(200);
    const verified = await api.post("/api/v1/auth/verify", { phone, code: "1234" });
    expect(verified.status, verified.text).toBe(200);
    return verified.body as { accessToken: string };
  } finally {
    restore();
  }
}
