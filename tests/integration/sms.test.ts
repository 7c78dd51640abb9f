import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setSmsProviderForTests } from "@/lib/sms/get-sms-provider";
import { SmsDeliveryError, type SmsMessage } from "@/lib/sms/sms-provider";
import { api } from "../helpers/api";
import { storedCodes } from "../helpers/db";
import { setEnv } from "../helpers/env";
import { passCooldown, requestCode, signIn, uniquePhone } from "../helpers/flows";
import { closeServer, listenInRange } from "../helpers/ports";
import { expectProblem } from "../helpers/problems";

const SMS_FAILED = "The SMS could not be sent. Please try again in a moment.";
const STALE_CODE = "The code is wrong or has expired. Request a new code.";

function codeInText(text: string): string {
  const match = /: (\d{4,8})\./.exec(text);
  if (!match) throw new Error(`No code in "${text}"`);
  return match[1]!;
}

describe("when the provider fails", () => {
  afterEach(() => setSmsProviderForTests(undefined));

  it("answers 502 sms_failed and leaves no valid code, not even the previous one", async () => {
    const phone = uniquePhone();
    const previous = await requestCode(phone);
    await passCooldown(phone);

    const attempted: SmsMessage[] = [];
    setSmsProviderForTests({
      name: "simulated",
      send: (message) => {
        attempted.push(message);
        return Promise.reject(new SmsDeliveryError("gateway down"));
      },
    });
    expectProblem(await api.post("/api/v1/auth/code", { phone }), "sms_failed", SMS_FAILED);
    expect(attempted).toHaveLength(1);
    expect(await storedCodes(phone)).toEqual([]);
    for (const code of [attempted[0]!.code, previous]) {
      expectProblem(await api.post("/api/v1/auth/verify", { phone, code }), "invalid_code", STALE_CODE);
    }

    setSmsProviderForTests(undefined);
    const code = await requestCode(phone);
    expect((await api.post("/api/v1/auth/verify", { phone, code })).status).toBe(200);
  });

  it("answers 502 for any error the provider throws", async () => {
    setSmsProviderForTests({ name: "simulated", send: () => Promise.reject(new TypeError("socket hang up")) });
    expectProblem(await api.post("/api/v1/auth/code", { phone: uniquePhone() }), "sms_failed", SMS_FAILED);
  });
});

describe("the simulated provider", () => {
  it("waits SMS_SIMULATED_DELAY_MS without holding up other requests", async () => {
    const restore = setEnv({ SMS_SIMULATED_DELAY_MS: "600" });
    try {
      const started = performance.now();
      const answers = await Promise.all([uniquePhone(), uniquePhone(), uniquePhone()].map((phone) => api.post("/api/v1/auth/code", { phone })));
      const elapsed = performance.now() - started;
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect(elapsed).toBeGreaterThanOrEqual(590);
      // One after the other they would take at least 1800 ms.
      expect(elapsed).toBeLessThan(1700);
    } finally {
      restore();
    }
  });

  it("keeps the outbox newest first, filtered by phone in any format", async () => {
    const phone = "+79995550101";
    const first = await requestCode(phone);
    await passCooldown(phone);
    const second = await requestCode(phone);
    const outbox = await api.get("/api/v1/dev/sms?phone=8%20999%20555-01-01");
    expect(outbox.status).toBe(200);
    expect(outbox.body.messages.map((message: { code: string }) => message.code)).toEqual([second, first]);
    expect(outbox.body.messages[0]).toEqual({
      phone,
      text: `Your sign-in code: ${second}. Valid for 5 min. Do not share it.\n@localhost #${second}`,
      code: second,
      sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expectProblem(await api.get("/api/v1/dev/sms?phone=nope"), "invalid_phone", '"nope" is not a valid phone number.');
    expectProblem(await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}&limit=5`), "validation_error", "The query string has invalid or missing fields.", [
      { path: "limit", message: "Unknown field." },
    ]);
  });

  describe("the text's language and WebOTP line", () => {
    async function smsFor(headers: Record<string, string>): Promise<string> {
      const phone = uniquePhone();
      const sent = await api.post("/api/v1/auth/code", { phone }, { headers });
      expect(sent.status, sent.text).toBe(200);
      return (await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).body.messages[0].text;
    }

    it("follows Accept-Language, in one segment, ending with @host #code", async () => {
      const text = await smsFor({ "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" });
      expect(text).toMatch(/^Код для входа: (\d{4})\. Никому не сообщайте\.\n@localhost #\1$/);
      expect([...text].length).toBeLessThanOrEqual(70);
      expect(await smsFor({ "accept-language": "en-GB" })).toMatch(/^Your sign-in code: /);
    });

    it("follows the page's locale cookie over Accept-Language", async () => {
      expect(await smsFor({ cookie: "locale=ru", "accept-language": "en" })).toMatch(/^Код для входа: /);
      expect(await smsFor({ cookie: "pr_other=1; locale=en", "accept-language": "ru" })).toMatch(/^Your sign-in code: /);
    });

    it("falls back to DEFAULT_LOCALE, and takes the host from PUBLIC_URL", async () => {
      const restore = setEnv({ DEFAULT_LOCALE: "ru", PUBLIC_URL: "https://referrals.example.com" });
      try {
        const text = await smsFor({ "accept-language": "de-DE" });
        expect(text).toMatch(/^Код для входа: (\d{4})\. Никому не сообщайте\.\n@referrals\.example\.com #\1$/);
        expect([...text].length).toBeLessThanOrEqual(70);
      } finally {
        restore();
      }
    });

    it("writes the phone-change code in the asking page's language", async () => {
      const { accessToken } = await signIn();
      const phone = uniquePhone();
      const sent = await api.post("/api/v1/profile/phone", { phone }, { token: accessToken, headers: { "accept-language": "ru" } });
      expect(sent.status, sent.text).toBe(200);
      const text = (await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).body.messages[0].text;
      expect(text).toMatch(/^Код для смены номера: (\d{4})\. Никому не сообщайте\.\n@localhost #\1$/);
    });
  });

  it("never lists other numbers: GET /api/v1/dev/sms without phone is 400", async () => {
    const admin = uniquePhone();
    await requestCode(admin);
    for (const path of ["/api/v1/dev/sms", "/api/v1/dev/sms?phone=", "/api/v1/dev/sms?limit=50"]) {
      const answer = await api.get(path);
      expect(answer.status, path).toBe(400);
      expect(answer.text).not.toContain(admin);
    }
    expectProblem(await api.get("/api/v1/dev/sms"), "validation_error", "The query string has invalid or missing fields.", [
      { path: "phone", message: "Required: the outbox shows the messages of one phone only." },
    ]);
    const other = await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(uniquePhone())}`);
    expect(other.body).toEqual({ messages: [] });
  });
});

type Mode = "success" | "refused" | "unauthorized" | "server-error" | "not-json" | "hang";

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: { number: string; text: string; sign: string };
}

describe("the SMS Aero provider against a local server speaking its API", () => {
  let mode: Mode = "success";
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body: JSON.parse(raw || "{}"),
      });
      const reply = (status: number, body: string, type = "application/json") => {
        response.writeHead(status, { "content-type": type });
        response.end(body);
      };
      switch (mode) {
        case "success": {
          const { number, text, sign } = received.at(-1)!.body;
          return reply(
            200,
            JSON.stringify({
              success: true,
              data: { id: 12345, from: sign, number, text, status: 8, extendStatus: "moderation", channel: "FREE SIGN", cost: 4.35, dateCreate: 1_764_000_000, dateSend: 1_764_000_000 },
              message: null,
            }),
          );
        }
        case "refused":
          return reply(200, JSON.stringify({ success: false, data: null, message: "Validation error." }));
        case "unauthorized":
          return reply(401, JSON.stringify({ success: false, data: null, message: "Your request was made with invalid credentials." }));
        case "server-error":
          return reply(500, JSON.stringify({ success: false, data: null, message: "Internal error" }));
        case "not-json":
          return reply(200, "<html><body>Bad gateway</body></html>", "text/html");
        case "hang":
          return; // never answers; the provider's timeout must end the wait
      }
    });
  });
  let restore: () => void = () => undefined;

  beforeAll(async () => {
    const port = await listenInRange(server);
    restore = setEnv({
      SMS_PROVIDER: "smsaero",
      SMSAERO_EMAIL: "owner@example.com",
      SMSAERO_API_KEY: "test-api-key",
      SMSAERO_SIGN: "Referrals",
      SMSAERO_BASE_URL: `http://127.0.0.1:${port}/v2/`,
      SMSAERO_TIMEOUT_MS: "300",
    });
  });

  afterAll(async () => {
    restore();
    await closeServer(server);
  });

  afterEach(() => {
    mode = "success";
    received.length = 0;
  });

  it("sends with basic auth, the sender and the number without +, and the code signs in", async () => {
    const phone = uniquePhone();
    const sent = await api.post("/api/v1/auth/code", { phone });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toEqual({ phone, expiresIn: 300, resendIn: 60, codeLength: 4 });
    expect(received).toHaveLength(1);
    const request = received[0]!;
    expect(request).toMatchObject({
      method: "POST",
      url: "/v2/sms/send",
      authorization: `Basic ${Buffer.from("owner@example.com:test-api-key").toString("base64")}`,
      contentType: "application/json",
      body: { number: phone.slice(1), sign: "Referrals", text: expect.stringMatching(/^Your sign-in code: (\d{4})\. Valid for 5 min\. Do not share it\.\n@localhost #\1$/) },
    });
    const verified = await api.post("/api/v1/auth/verify", { phone, code: codeInText(request.body.text) });
    expect(verified.status).toBe(200);
  });

  it.each<[Mode, string]>([
    ["refused", "an answer with success false"],
    ["unauthorized", "HTTP 401"],
    ["server-error", "HTTP 500"],
    ["not-json", "an answer that is not JSON"],
    ["hang", "no answer within the timeout"],
  ])("answers 502 sms_failed for %s (%s) and leaves no valid code", async (failure) => {
    mode = failure;
    const phone = uniquePhone();
    const started = performance.now();
    expectProblem(await api.post("/api/v1/auth/code", { phone }), "sms_failed", SMS_FAILED);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(received).toHaveLength(1);
    expect(await storedCodes(phone)).toEqual([]);
    const code = codeInText(received[0]!.body.text);
    expectProblem(await api.post("/api/v1/auth/verify", { phone, code }), "invalid_code", STALE_CODE);
  });

  it("answers 502 when the server cannot be reached", async () => {
    const restoreUrl = setEnv({ SMSAERO_BASE_URL: "http://127.0.0.1:1/v2" });
    try {
      const phone = uniquePhone();
      expectProblem(await api.post("/api/v1/auth/code", { phone }), "sms_failed", SMS_FAILED);
      expect(await storedCodes(phone)).toEqual([]);
    } finally {
      restoreUrl();
    }
  });

  it("has no simulated outbox: GET /api/v1/dev/sms is 404 problem+json", async () => {
    for (const path of ["/api/v1/dev/sms?phone=%2B79991234567", "/api/v1/dev/sms?phone=garbage"]) {
      expectProblem(await api.get(path), "not_found", "There is no simulated outbox: a real SMS provider is configured.");
    }
  });
});
