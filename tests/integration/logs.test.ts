import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { maskPhone } from "@/lib/log/logger";
import { setSmsProviderForTests } from "@/lib/sms/get-sms-provider";
import { SmsDeliveryError } from "@/lib/sms/sms-provider";
import { api, call } from "../helpers/api";
import { captureLogs } from "../helpers/capture-logs";
import { setEnv } from "../helpers/env";
import { latestCode, passCooldown, uniquePhone } from "../helpers/flows";
import { expectProblem } from "../helpers/problems";

const lines: string[] = [];
let restoreEnv: () => void = () => undefined;

let stopCapture: () => void = () => undefined;

beforeAll(() => {
  // Eight digits, so that a code cannot turn up in a log line by coincidence (in a time stamp, say).
  restoreEnv = setEnv({ OTP_LENGTH: "8", LOG_LEVEL: "info" });
  stopCapture = captureLogs(lines).stop;
});

afterAll(() => {
  stopCapture();
  setSmsProviderForTests(undefined);
  restoreEnv();
});

describe("logs", () => {
  it("never carry codes, access tokens or refresh tokens through a whole sign-in flow", async () => {
    const secrets: string[] = [];
    const phone = uniquePhone();

    expect((await api.post("/api/v1/auth/code", { phone })).status).toBe(200);
    const code = await latestCode(phone);
    expect(code).toMatch(/^\d{8}$/);
    secrets.push(code);
    const wrong = code === "00000000" ? "11111111" : "00000000";
    expect((await api.post("/api/v1/auth/verify", { phone, code: wrong })).status).toBe(401);
    const verified = await api.post("/api/v1/auth/verify", { phone, code }, { headers: { "user-agent": "log-test" } });
    expect(verified.status).toBe(200);
    secrets.push(verified.body.accessToken, verified.body.refreshToken);

    expect((await api.get("/api/v1/profile", { token: verified.body.accessToken })).status).toBe(200);
    const refreshed = await api.post("/api/v1/auth/refresh", { refreshToken: verified.body.refreshToken });
    expect(refreshed.status).toBe(200);
    secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
    const cookieRequest = await api.get("/api/v1/profile", { headers: { cookie: `pr_access=${refreshed.body.accessToken}` } });
    expect(cookieRequest.status).toBe(200);
    const crossSite = await call("POST", "/api/v1/auth/logout", {
      headers: { cookie: `pr_access=${refreshed.body.accessToken}`, origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect((await api.post("/api/v1/auth/logout", { refreshToken: refreshed.body.refreshToken })).status).toBe(204);
    expect((await api.get("/api/v1/profile", { token: refreshed.body.accessToken })).status).toBe(401);
    expect((await api.post("/api/v1/auth/refresh", { refreshToken: verified.body.refreshToken })).status).toBe(401);

    // A failed delivery is logged as a warning; the code it carried must not be.
    await passCooldown(phone);
    let undelivered = "";
    setSmsProviderForTests({
      name: "simulated",
      send: (message) => {
        undelivered = message.code;
        return Promise.reject(new SmsDeliveryError(`gateway refused the message to ${message.phone}`));
      },
    });
    expect((await api.post("/api/v1/auth/code", { phone })).status).toBe(502);
    setSmsProviderForTests(undefined);
    expect(undelivered).toMatch(/^\d{8}$/);
    secrets.push(undelivered);

    const entries = lines.map((line) => JSON.parse(line) as { msg: string; level: number; status?: number; path?: string });
    // The capture works: every request left its line, and the failed delivery its warning.
    const requests = entries.filter((entry) => entry.msg === "request");
    expect(requests.map((entry) => entry.status)).toEqual([200, 200, 401, 200, 200, 200, 200, 403, 204, 401, 401, 502]);
    // The access log names the path alone: the outbox was read with ?phone=… in the query string.
    expect(requests[1]).toMatchObject({ path: "/api/v1/dev/sms", status: 200 });
    expect(entries.some((entry) => entry.msg === "SMS delivery failed; the code was withdrawn" && entry.level === 40)).toBe(true);
    // The simulated provider says a message went out, to whom (masked), never what it said.
    const simulated = entries.filter((entry) => entry.msg === "simulated SMS sent");
    expect(simulated).toHaveLength(1);
    expect(simulated[0]).toMatchObject({ smsTo: maskPhone(phone) });
    expect(simulated[0]).not.toHaveProperty("smsText");
    const failure = entries.find((entry) => entry.msg === "SMS delivery failed; the code was withdrawn") as unknown as {
      phone: string;
      err: { message: string };
    };
    expect(failure.phone).toBe(maskPhone(phone));
    expect(failure.err.message).toBe(`gateway refused the message to ${maskPhone(phone)}`);

    for (const line of lines) {
      for (const secret of [...secrets, phone, phone.slice(1)]) {
        expect(line.includes(secret), `a secret in the log line ${line}`).toBe(false);
      }
    }
  });

  it("log a failed query without its parameters and with the phone masked", async () => {
    const phone = uniquePhone();
    const db = await getDb();
    // A rate-limit row naming this phone now breaks a constraint: the code request fails inside the database, and
    // both Drizzle's error (its message and `params`) and PostgreSQL's (its `detail`, "Failing row contains (…)")
    // carry the phone.
    const constraint = sql.raw(`logs_test_${phone.slice(1)}`);
    await db.execute(sql`alter table rate_limits add constraint ${constraint} check (position(${sql.raw(`'${phone}'`)} in key) = 0)`);
    const from = lines.length;
    try {
      const failed = await api.post("/api/v1/auth/code", { phone });
      expectProblem(failed, "internal_error", "Something went wrong on our side. Please try again.");
    } finally {
      await db.execute(sql`alter table rate_limits drop constraint ${constraint}`);
    }
    const written = lines.slice(from);
    const line = written.find((entry) => entry.includes('"msg":"request failed"'));
    expect(line, written.join("\n")).toBeDefined();
    const entry = JSON.parse(line!) as { err: Record<string, unknown> & { message: string; cause?: Record<string, unknown> } };
    // It is the database's failure, described well enough to act on: the statement and PostgreSQL's reason.
    expect(entry.err.message).toMatch(/^Failed query: insert into "rate_limits"/);
    // PostgreSQL's own detail lists the row's values: the parameters again, so they are withheld as well.
    expect(entry.err.cause).toMatchObject({ code: "23514", detail: "Failing row contains (values withheld)." });
    expect(entry.err).not.toHaveProperty("params");
    expect(entry.err.cause).not.toHaveProperty("parameters");
    for (const text of written) {
      expect(text).not.toContain("params");
      expect(text).not.toContain(phone);
      expect(text).not.toContain(phone.slice(1));
    }
  });
});
