import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { requestCode, uniquePhone, wrongCodeFor } from "../helpers/flows";

// The members a client branches on instead of reading `detail` (lib/web/problem-message.ts does).
describe("problem+json extension members", () => {
  it("invalid_code carries the tries left for the code: 2, 1, then 0, and 0 for a code never sent", async () => {
    const phone = uniquePhone();
    const code = await requestCode(phone);
    const left: unknown[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      left.push((await api.post("/api/v1/auth/verify", { phone, code: wrongCodeFor(code) })).body.attemptsLeft);
    }
    expect(left).toEqual([2, 1, 0]);
    const never = await api.post("/api/v1/auth/verify", { phone: uniquePhone(), code: "1234" });
    expect(never.body).toMatchObject({ code: "invalid_code", attemptsLeft: 0 });
  });

  it("rate_limited names the limit it reached", async () => {
    const phone = uniquePhone();
    await requestCode(phone);
    const again = await api.post("/api/v1/auth/code", { phone });
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ code: "rate_limited", limit: "otp_resend" });
  });
});
