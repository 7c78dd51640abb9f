import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { setEnv } from "../helpers/env";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { passCooldown, rateLimitCount, requestCode, signIn, uniquePhone, wrongCodeFor } from "../helpers/flows";
import { expectProblem, expectRetryAfter } from "../helpers/problems";

const HOUR = 3600;
const DAY = 24 * HOUR;

let addressCounter = 0;
/** Each test its own client address, so that the per-address cap of one does not spill into another. */
function uniqueAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

const requestFrom = (phone: string, address: string, headers?: Record<string, string>) =>
  api.post("/api/v1/auth/code", { phone }, { address, headers });

describe("code request limits", () => {
  it(`refuses another code within OTP_RESEND_SECONDS with 429 and Retry-After`, async () => {
    const phone = uniquePhone();
    const address = uniqueAddress();
    expect((await requestFrom(phone, address)).status).toBe(200);
    const again = await requestFrom(phone, address);
    expectProblem(again, "rate_limited", "A code was sent to this number a moment ago. Please wait before asking for another.");
    expectRetryAfter(again, 55, 60);

    await passCooldown(phone, 45);
    expectRetryAfter(await requestFrom(phone, address), 10, 15);
    await passCooldown(phone, 15);
    expect((await requestFrom(phone, address)).status).toBe(200);
  });

  it("lets two simultaneous requests for one phone send one code", async () => {
    const phone = uniquePhone();
    const address = uniqueAddress();
    const answers = await Promise.all([1, 2, 3].map(() => requestFrom(phone, address)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 429, 429]);
    const outbox = await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
    expect(outbox.body.messages).toHaveLength(1);
  });

  it(`caps codes per phone at OTP_MAX_PER_PHONE_PER_HOUR (5), from any address`, async () => {
    const phone = uniquePhone();
    for (let i = 0; i < 5; i++) {
      expect((await requestFrom(phone, uniqueAddress())).status).toBe(200);
      await passCooldown(phone, 61);
    }
    const refused = await requestFrom(phone, uniqueAddress());
    expectProblem(refused, "rate_limited", "Too many codes requested for this number this hour. Please try again later.");
    expectRetryAfter(refused, HOUR - 60, HOUR);
    expect((await requestFrom(uniquePhone(), uniqueAddress())).status).toBe(200);
  });

  it(`caps codes per client address at OTP_MAX_PER_IP_PER_HOUR (30); X-Forwarded-For does not escape it`, async () => {
    const address = uniqueAddress();
    for (let i = 0; i < 30; i++) {
      const sent = await requestFrom(uniquePhone(), address, { "x-forwarded-for": `203.0.113.${i}` });
      expect(sent.status, sent.text).toBe(200);
    }
    const spoofs: Record<string, string>[] = [{}, { "x-forwarded-for": "203.0.113.250" }, { "x-real-ip": "203.0.113.251" }];
    for (const headers of spoofs) {
      const refused = await requestFrom(uniquePhone(), address, headers);
      expectProblem(refused, "rate_limited", "Too many codes requested from your network this hour. Please try again later.");
      expectRetryAfter(refused, HOUR - 60, HOUR);
    }
    expect((await requestFrom(uniquePhone(), uniqueAddress())).status).toBe(200);
  });

  it("behind a trusted proxy, counts the address the proxy saw", async () => {
    const restore = setEnv({ TRUST_PROXY: "true", OTP_MAX_PER_IP_PER_HOUR: "2" });
    try {
      const proxy = uniqueAddress();
      const client = "203.0.113.77";
      const viaProxy = (forwardedFor: string) => requestFrom(uniquePhone(), proxy, { "x-forwarded-for": forwardedFor });
      expect((await viaProxy(client)).status).toBe(200);
      // What the client itself puts in front of the proxy's entry changes nothing.
      expect((await viaProxy(`10.9.9.9, ${client}`)).status).toBe(200);
      expect((await viaProxy(`10.9.9.8, ${client}`)).status).toBe(429);
      expect((await viaProxy("203.0.113.78")).status).toBe(200);
    } finally {
      restore();
    }
  });

  it("keeps the resend cooldown per phone, whatever the purpose or account: 3 phone changes and a sign-in at once send one SMS", async () => {
    const accounts = await Promise.all([1, 2, 3].map(() => signIn()));
    const phone = uniquePhone();
    const answers = await Promise.all([
      ...accounts.map((account) => api.post("/api/v1/profile/phone", { phone }, { token: account.accessToken, address: uniqueAddress() })),
      requestFrom(phone, uniqueAddress()),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 429, 429, 429]);
    for (const answer of answers.filter((one) => one.status === 429)) {
      expectProblem(answer, "rate_limited", "A code was sent to this number a moment ago. Please wait before asking for another.");
      expectRetryAfter(answer, 55, 60);
    }
    const outbox = await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
    expect(outbox.body.messages).toHaveLength(1);
  });

  it("keeps the resend cooldown per phone one after the other, too", async () => {
    const [alice, bob] = [await signIn(), await signIn()];
    const phone = uniquePhone();
    expect((await api.post("/api/v1/profile/phone", { phone }, { token: alice.accessToken, address: uniqueAddress() })).status).toBe(200);
    expect((await api.post("/api/v1/profile/phone", { phone }, { token: bob.accessToken, address: uniqueAddress() })).status).toBe(429);
    expect((await requestFrom(phone, uniqueAddress())).status).toBe(429);
    await passCooldown(phone, 61);
    expect((await requestFrom(phone, uniqueAddress())).status).toBe(200);
    expect((await api.post("/api/v1/profile/phone", { phone }, { token: bob.accessToken, address: uniqueAddress() })).status).toBe(429);
  });
});

describe("the failed-code lock, per phone and client network", () => {
  const verifyFrom = (phone: string, code: string, address: string) => api.post("/api/v1/auth/verify", { phone, code }, { address });
  const LOCKED_HERE = "Too many wrong codes for this number from your network today. Please try again later.";
  const LOCKED_EVERYWHERE = "Too many wrong codes for this number today. Please try again later.";

  it("evaluates exactly OTP_MAX_FAILED_PER_PHONE_PER_DAY (10) guesses of 4 codes x 3, then refuses even the right code", async () => {
    const phone = uniquePhone();
    const attacker = uniqueAddress();
    const answers: number[] = [];
    let code = "";
    for (let request = 0; request < 4; request++) {
      code = await requestCode(phone, attacker);
      for (let guess = 0; guess < 3; guess++) answers.push((await verifyFrom(phone, wrongCodeFor(code), attacker)).status);
      await passCooldown(phone, 61);
    }
    expect(answers).toEqual([...Array<number>(10).fill(401), 429, 429]);
    expect(await rateLimitCount(rateLimitKeys.failedPerPhoneAndNetwork(phone, attacker))).toBe(10);
    expect(await rateLimitCount(rateLimitKeys.failedPerPhone(phone))).toBe(10);

    // The last code had one wrong try: without the lock at verify the right code would sign in.
    const right = await verifyFrom(phone, code, attacker);
    expectProblem(right, "too_many_attempts", LOCKED_HERE);
    expectRetryAfter(right, DAY - 120, DAY);
    const again = await requestFrom(phone, attacker);
    expectProblem(again, "rate_limited", LOCKED_HERE);
    expectRetryAfter(again, DAY - 120, DAY);

    // The owner, on another network, still gets a code and signs in.
    const owner = uniqueAddress();
    const ownCode = await requestCode(phone, owner);
    expect((await verifyFrom(phone, ownCode, owner)).status).toBe(200);
    expect((await verifyFrom(phone, ownCode, attacker)).status).toBe(429);
  });

  it("locks the phone on every network after OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY (50) wrong codes from all of them", async () => {
    const restore = setEnv({ OTP_MAX_ATTEMPTS: "100" });
    try {
      const phone = uniquePhone();
      const code = await requestCode(phone, uniqueAddress());
      const wrong = wrongCodeFor(code);
      for (let network = 0; network < 5; network++) {
        const address = uniqueAddress();
        for (let guess = 0; guess < 10; guess++) expect((await verifyFrom(phone, wrong, address)).status).toBe(401);
        expectProblem(await verifyFrom(phone, wrong, address), "too_many_attempts", LOCKED_HERE);
      }
      const fresh = uniqueAddress();
      const right = await verifyFrom(phone, code, fresh);
      expectProblem(right, "too_many_attempts", LOCKED_EVERYWHERE);
      expectRetryAfter(right, DAY - 120, DAY);
      await passCooldown(phone, 61);
      const refused = await requestFrom(phone, fresh);
      expectProblem(refused, "rate_limited", LOCKED_EVERYWHERE);
      expectRetryAfter(refused, DAY - 120, DAY);
      expect(await rateLimitCount(rateLimitKeys.failedPerPhone(phone))).toBe(50);
    } finally {
      restore();
    }
  });

  it("evaluates no more than the limit when the guesses come at once", async () => {
    const restore = setEnv({ OTP_MAX_ATTEMPTS: "100" });
    try {
      const phone = uniquePhone();
      const address = uniqueAddress();
      const code = await requestCode(phone, address);
      const answers = await Promise.all(Array.from({ length: 16 }, () => verifyFrom(phone, wrongCodeFor(code), address)));
      expect(answers.filter((answer) => answer.status === 401)).toHaveLength(10);
      expect(answers.filter((answer) => answer.status === 429)).toHaveLength(6);
      expect(await rateLimitCount(rateLimitKeys.failedPerPhoneAndNetwork(phone, address))).toBe(10);
    } finally {
      restore();
    }
  });

  it("does not count right codes, burned codes or guesses without a code", async () => {
    const restore = setEnv({ OTP_MAX_FAILED_PER_PHONE_PER_DAY: "2" });
    try {
      const phone = uniquePhone();
      const address = uniqueAddress();
      expect((await verifyFrom(phone, "1234", address)).status).toBe(401);
      const code = await requestCode(phone, address);
      expect((await verifyFrom(phone, wrongCodeFor(code), address)).status).toBe(401);
      expect(await rateLimitCount(rateLimitKeys.failedPerPhoneAndNetwork(phone, address))).toBe(1);
      expect((await verifyFrom(phone, code, address)).status).toBe(200);
      expect((await verifyFrom(phone, code, address)).status).toBe(401);
      expect(await rateLimitCount(rateLimitKeys.failedPerPhoneAndNetwork(phone, address))).toBe(1);
      expect(await rateLimitCount(rateLimitKeys.failedPerPhone(phone))).toBe(1);
    } finally {
      restore();
    }
  });

  it("counts wrong codes across code requests, not only per code", async () => {
    const restore = setEnv({ OTP_MAX_FAILED_PER_PHONE_PER_DAY: "2" });
    try {
      const phone = uniquePhone();
      const address = uniqueAddress();
      await requestCode(phone, address);
      expect((await verifyFrom(phone, "99999", address)).status).toBe(401);
      await passCooldown(phone, 61);
      const code = await requestCode(phone, address);
      expect((await verifyFrom(phone, wrongCodeFor(code), address)).status).toBe(401);
      await passCooldown(phone, 61);
      expect((await requestFrom(phone, address)).status).toBe(429);
      // The code already sent is refused from this network, and still works from another.
      expect((await verifyFrom(phone, code, address)).status).toBe(429);
      expect((await verifyFrom(phone, code, uniqueAddress())).status).toBe(200);
    } finally {
      restore();
    }
  });
});
