import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import { api } from "../helpers/api";
import { setEnv } from "../helpers/env";
import { latestCode, uniquePhone } from "../helpers/flows";
import { expectProblem, expectRetryAfter } from "../helpers/problems";

const PROXY = "10.0.0.2";
let restoreEnv: () => void = () => undefined;

beforeAll(() => {
  restoreEnv = setEnv({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: undefined, OTP_MAX_PER_IP_PER_HOUR: "3" });
});

afterAll(() => restoreEnv());

const requestVia = (forwardedFor: string, address = PROXY) =>
  api.post("/api/v1/auth/code", { phone: uniquePhone() }, { address, headers: { "x-forwarded-for": forwardedFor } });

function expectAddressLimited(response: Awaited<ReturnType<typeof requestVia>>): void {
  expectProblem(response, "rate_limited", "Too many codes requested from your network this hour. Please try again later.");
  expectRetryAfter(response, 3600 - 60, 3600);
}

describe("per-address limits use the canonical client address", () => {
  it("counts every spelling of an IPv6 address, and its whole /64, in one bucket", async () => {
    for (const spelling of ["2001:db8::1", "2001:DB8::1", "2001:0db8:0000::1"]) {
      const sent = await requestVia(spelling);
      expect(sent.status, `${spelling}: ${sent.text}`).toBe(200);
    }
    expectAddressLimited(await requestVia("2001:db8::2"));
    expectAddressLimited(await requestVia("[2001:db8:0:0:ffff::1]:443"));
    // Another /64 and another proxy's client are other buckets.
    expect((await requestVia("2001:db8:0:1::1")).status).toBe(200);
    expect((await requestVia("198.51.100.40")).status).toBe(200);
  });

  it("counts an IPv4-mapped IPv6 address as the IPv4 address", async () => {
    for (const spelling of ["198.51.100.50", "::ffff:198.51.100.50", "::FFFF:c633:6432"]) {
      expect((await requestVia(spelling)).status, spelling).toBe(200);
    }
    expectAddressLimited(await requestVia("198.51.100.50"));
  });

  it("counts junk in X-Forwarded-For against the socket's address, not a fresh bucket", async () => {
    const socket = "10.0.0.60";
    for (const junk of ["junk-1", "junk-2", "999.1.1.1"]) expect((await requestVia(junk, socket)).status, junk).toBe(200);
    expectAddressLimited(await requestVia("junk-4", socket));
    expectAddressLimited(await requestVia("", socket));
  });

  it("takes the client TRUST_PROXY_HOPS entries from the right", async () => {
    const restore = setEnv({ TRUST_PROXY_HOPS: "2" });
    try {
      for (const spoofed of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
        expect((await requestVia(`${spoofed}, 198.51.100.70, 10.0.0.3`)).status).toBe(200);
      }
      expectAddressLimited(await requestVia("203.0.113.4, 198.51.100.70, 10.0.0.4"));
    } finally {
      restore();
    }
  });

  it("groups socket addresses the same way without a proxy", async () => {
    const restore = setEnv({ TRUST_PROXY: "false" });
    try {
      for (const socket of ["2001:db8:5::1", "2001:db8:5::2", "2001:DB8:5::3"]) {
        expect((await api.post("/api/v1/auth/code", { phone: uniquePhone() }, { address: socket })).status, socket).toBe(200);
      }
      expectAddressLimited(await api.post("/api/v1/auth/code", { phone: uniquePhone() }, { address: "2001:db8:5:0:abcd::4" }));
    } finally {
      restore();
    }
  });
});

describe("the session's address", () => {
  it("is the client's full canonical address, not the /64 its limits are counted for", async () => {
    const phone = uniquePhone();
    const forwardedFor = "2001:DB8:77:0:0:0:0:ABCD";
    expect((await api.post("/api/v1/auth/code", { phone }, { address: PROXY, headers: { "x-forwarded-for": forwardedFor } })).status).toBe(200);
    const code = await latestCode(phone);
    const verified = await api.post("/api/v1/auth/verify", { phone, code }, { address: PROXY, headers: { "x-forwarded-for": forwardedFor } });
    expect(verified.status, verified.text).toBe(200);
    const db = await getDb();
    const [row] = await db.select({ ipAddress: sessions.ipAddress }).from(sessions).where(eq(sessions.userId, verified.body.profile.id as string));
    expect(row?.ipAddress).toBe("2001:db8:77::abcd");
  });
});
