import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { env, EnvError, parseEnv, resetEnvCache } from "./env";

const SECRET = "s".repeat(32);
const production = { NODE_ENV: "production", JWT_SECRET: SECRET, SMS_PROVIDER: "smsaero", SMSAERO_EMAIL: "a@b.c", SMSAERO_API_KEY: "key" };

function failure(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted the configuration");
}

describe("parseEnv", () => {
  it("applies the contract's defaults", () => {
    const config = parseEnv({ NODE_ENV: "test" });
    expect(config).toMatchObject({
      NODE_ENV: "test",
      PGLITE_DIR: "./.data/pglite",
      SMS_PROVIDER: "simulated",
      SMS_SIMULATED_DELAY_MS: { min: 1000, max: 2000 },
      SMSAERO_BASE_URL: "https://gate.smsaero.ru/v2",
      OTP_LENGTH: 4,
      OTP_TTL_SECONDS: 300,
      OTP_RESEND_SECONDS: 60,
      OTP_MAX_ATTEMPTS: 3,
      OTP_MAX_PER_PHONE_PER_HOUR: 5,
      OTP_MAX_PER_IP_PER_HOUR: 30,
      OTP_MAX_FAILED_PER_PHONE_PER_DAY: 10,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 2_592_000,
      DEFAULT_PHONE_REGION: "RU",
      TRUST_PROXY: false,
      LOG_LEVEL: "info",
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SMS_TEST_NUMBERS.size).toBe(0);
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("keeps one generated secret per test process", () => {
    expect(parseEnv({ NODE_ENV: "test" }).JWT_SECRET).toBe(parseEnv({ NODE_ENV: "test" }).JWT_SECRET);
  });

  it("has the token and CORS defaults of the contract, and reads them", () => {
    expect(parseEnv({ NODE_ENV: "test" })).toMatchObject({
      JWT_ISSUER: "phone-referrals",
      JWT_AUDIENCE: "phone-referrals",
      REFRESH_REUSE_GRACE_SECONDS: 10,
      CORS_ORIGINS: [],
    });
    expect(
      parseEnv({ NODE_ENV: "test", JWT_ISSUER: "https://id.example.com", REFRESH_REUSE_GRACE_SECONDS: "0", CORS_ORIGINS: " https://a.example.com, http://localhost:5173,https://a.example.com ," }),
    ).toMatchObject({ JWT_ISSUER: "https://id.example.com", REFRESH_REUSE_GRACE_SECONDS: 0, CORS_ORIGINS: ["https://a.example.com", "http://localhost:5173"] });
    expect(failure({ NODE_ENV: "test", REFRESH_REUSE_GRACE_SECONDS: "301" })).toContain("REFRESH_REUSE_GRACE_SECONDS:");
    expect(failure({ NODE_ENV: "test", CORS_ORIGINS: "https://a.example.com/" })).toBe(
      'Invalid configuration:\n  - CORS_ORIGINS: "https://a.example.com/" is not an exact origin such as https://app.example.com (no path, no trailing slash, no wildcard)',
    );
  });

  it("reads numbers, flags and the region", () => {
    const config = parseEnv({
      NODE_ENV: "test",
      OTP_LENGTH: "6",
      OTP_TTL_SECONDS: "120",
      TRUST_PROXY: "true",
      DEFAULT_PHONE_REGION: " kz ",
      DATABASE_URL: "  ",
    });
    expect(config).toMatchObject({ OTP_LENGTH: 6, OTP_TTL_SECONDS: 120, TRUST_PROXY: true, DEFAULT_PHONE_REGION: "KZ" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "test", TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ NODE_ENV: "test", TRUST_PROXY: "yes" }).TRUST_PROXY).toBe(true);
  });

  it.each([
    ["OTP_LENGTH", "3"],
    ["OTP_LENGTH", "9"],
    ["OTP_TTL_SECONDS", "ten"],
    ["OTP_MAX_ATTEMPTS", "0"],
    ["TRUST_PROXY", "maybe"],
    ["DEFAULT_PHONE_REGION", "RUS"],
    ["SMS_PROVIDER", "twilio"],
    ["SMSAERO_BASE_URL", "not a url"],
    ["LOG_LEVEL", "loud"],
    ["SMS_MAX_PER_HOUR", "0"],
    ["TRUST_PROXY_HOPS", "0"],
    ["DEMO_MODE", "sure"],
    ["AVATAR_MAX_PIXELS", "lots"],
    ["OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY", "-1"],
  ])("refuses %s=%s and names the variable", (name, value) => {
    expect(failure({ NODE_ENV: "test", [name]: value })).toContain(`${name}:`);
  });

  it("takes an empty value as unset, for every variable", () => {
    const empty = { NODE_ENV: "test", OTP_RESEND_SECONDS: "", SMS_SIMULATED_DELAY_MS: "", OTP_LENGTH: "  ", TRUST_PROXY: "", SMS_PROVIDER: "", LOG_LEVEL: "" };
    expect(parseEnv(empty)).toMatchObject({
      OTP_RESEND_SECONDS: 60,
      SMS_SIMULATED_DELAY_MS: { min: 1000, max: 2000 },
      OTP_LENGTH: 4,
      TRUST_PROXY: false,
      SMS_PROVIDER: "simulated",
      LOG_LEVEL: "info",
    });
    expect(failure({ NODE_ENV: "production", JWT_SECRET: "", SMS_PROVIDER: "" })).toContain("SMS_PROVIDER: SMS_PROVIDER must be set explicitly");
  });

  it("applies the v2 defaults", () => {
    expect(parseEnv({ NODE_ENV: "test" })).toMatchObject({
      DEMO_MODE: false,
      SMS_ALLOWED_REGIONS: ["RU"],
      SMS_MAX_PER_HOUR: 1000,
      OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY: 50,
      TRUST_PROXY_HOPS: 1,
      AVATAR_MAX_PIXELS: 16_000_000,
      ADMIN_PHONES: [],
      DEFAULT_LOCALE: "en",
    });
    expect(parseEnv({ NODE_ENV: "test" }).PUBLIC_URL).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "test", DEFAULT_PHONE_REGION: "kz" }).SMS_ALLOWED_REGIONS).toEqual(["KZ"]);
  });

  describe("DEFAULT_LOCALE", () => {
    it("is en or ru", () => {
      expect(parseEnv({ NODE_ENV: "test", DEFAULT_LOCALE: "ru" }).DEFAULT_LOCALE).toBe("ru");
      expect(failure({ NODE_ENV: "test", DEFAULT_LOCALE: "de" })).toContain("DEFAULT_LOCALE:");
    });
  });

  describe("PUBLIC_URL", () => {
    it("keeps the origin alone", () => {
      expect(parseEnv({ NODE_ENV: "test", PUBLIC_URL: "https://referrals.example.com/" }).PUBLIC_URL).toBe("https://referrals.example.com");
      expect(parseEnv({ NODE_ENV: "test", PUBLIC_URL: " http://localhost:3000 " }).PUBLIC_URL).toBe("http://localhost:3000");
    });

    it.each(["referrals.example.com", "ftp://example.com", "not a url"])("refuses %j", (value) => {
      expect(failure({ NODE_ENV: "test", PUBLIC_URL: value })).toContain("PUBLIC_URL:");
    });
  });

  describe("webhooks", () => {
    it("applies the contract's defaults", () => {
      expect(parseEnv({ NODE_ENV: "test", WEBHOOK_RETRY_SCHEDULE: "", WEBHOOK_TIMEOUT_MS: "" })).toMatchObject({
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
        WEBHOOK_RETRY_SCHEDULE: [5, 30, 120, 600, 1800, 7200, 21600, 43200],
        WEBHOOK_TIMEOUT_MS: 10_000,
        WEBHOOK_DISABLE_AFTER_HOURS: 72,
        WEBHOOK_RETENTION_DAYS: 30,
      });
    });

    it("reads a schedule of whole seconds and refuses anything else", () => {
      expect(parseEnv({ NODE_ENV: "test", WEBHOOK_RETRY_SCHEDULE: " 0, 1 ,60", WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" })).toMatchObject({
        WEBHOOK_RETRY_SCHEDULE: [0, 1, 60],
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: true,
      });
      for (const value of ["5,,30", "5s", "-1", "1.5"]) {
        expect(failure({ NODE_ENV: "test", WEBHOOK_RETRY_SCHEDULE: value })).toContain("WEBHOOK_RETRY_SCHEDULE:");
      }
      expect(failure({ NODE_ENV: "test", WEBHOOK_TIMEOUT_MS: "10" })).toContain("WEBHOOK_TIMEOUT_MS:");
    });
  });

  describe("SMS_ALLOWED_REGIONS", () => {
    it.each([
      ["RU,KZ", ["RU", "KZ"]],
      [" ru , by ,", ["RU", "BY"]],
      ["*", "*"],
    ])("reads %j", (value, expected) => {
      expect(parseEnv({ NODE_ENV: "test", SMS_ALLOWED_REGIONS: value }).SMS_ALLOWED_REGIONS).toEqual(expected);
    });

    it.each(["RUS", "R1", "RU;KZ", "*,RU"])("refuses %j", (value) => {
      expect(failure({ NODE_ENV: "test", SMS_ALLOWED_REGIONS: value })).toContain("SMS_ALLOWED_REGIONS:");
    });
  });

  describe("ADMIN_PHONES", () => {
    it("reads numbers in E.164 or the default region's format, without repeats", () => {
      expect(parseEnv({ NODE_ENV: "test", ADMIN_PHONES: "+79991234567, 8 (999) 123-45-68,+7 999 123 45 67" }).ADMIN_PHONES).toEqual([
        "+79991234567",
        "+79991234568",
      ]);
    });

    it("refuses a number that is not valid, naming it", () => {
      expect(failure({ NODE_ENV: "test", ADMIN_PHONES: "+79991234567,12345" })).toBe(
        'Invalid configuration:\n  - ADMIN_PHONES: "12345" is not a valid phone number',
      );
    });
  });

  describe("SMS_SIMULATED_DELAY_MS", () => {
    it.each([
      ["1500", { min: 1500, max: 1500 }],
      ["0", { min: 0, max: 0 }],
      ["1000-2000", { min: 1000, max: 2000 }],
      [" 200 - 300 ", { min: 200, max: 300 }],
      ["2000-1000", { min: 1000, max: 2000 }],
    ])("reads %j", (value, expected) => {
      expect(parseEnv({ NODE_ENV: "test", SMS_SIMULATED_DELAY_MS: value }).SMS_SIMULATED_DELAY_MS).toEqual(expected);
    });

    it.each(["fast", "-5", "1000-", "1-2-3", "1.5"])("refuses %j", (value) => {
      expect(failure({ NODE_ENV: "test", SMS_SIMULATED_DELAY_MS: value })).toContain(
        "SMS_SIMULATED_DELAY_MS: expected milliseconds like 1500 or a range like 1000-2000",
      );
    });
  });

  describe("SMS_TEST_NUMBERS", () => {
    it("reads a list of fixed codes", () => {
      const config = parseEnv({ NODE_ENV: "test", SMS_TEST_NUMBERS: "+79990000000=1234, +79990000001=567890,," });
      expect([...config.SMS_TEST_NUMBERS]).toEqual([
        ["+79990000000", "1234"],
        ["+79990000001", "567890"],
      ]);
    });

    it.each(["79990000000=1234", "+79990000000=12", "+79990000000:1234", "+79990000000=12a4", "+7999=1234"])(
      "refuses %j with the expected form",
      (value) => {
        expect(failure({ NODE_ENV: "test", SMS_TEST_NUMBERS: value })).toContain(
          `SMS_TEST_NUMBERS: "${value}" is not of the form +79990000000=1234`,
        );
      },
    );
  });

  describe("in production", () => {
    it("accepts a complete configuration", () => {
      expect(parseEnv(production)).toMatchObject({ NODE_ENV: "production", JWT_SECRET: SECRET, SMS_PROVIDER: "smsaero" });
    });

    it("refuses a missing JWT_SECRET, naming it", () => {
      expect(failure({ ...production, JWT_SECRET: undefined })).toBe(
        "Invalid configuration:\n  - JWT_SECRET: JWT_SECRET must be set to at least 32 characters in production",
      );
    });

    it("refuses a JWT_SECRET shorter than 32 characters", () => {
      expect(failure({ ...production, JWT_SECRET: "s".repeat(31) })).toContain("JWT_SECRET: JWT_SECRET must be set to at least 32 characters");
      expect(failure({ ...production, JWT_SECRET: "   " })).toContain("JWT_SECRET:");
    });

    it("refuses a missing SMS_PROVIDER, naming it", () => {
      expect(failure({ ...production, SMS_PROVIDER: undefined })).toBe(
        "Invalid configuration:\n  - SMS_PROVIDER: SMS_PROVIDER must be set explicitly in production (simulated or smsaero): the simulated outbox reveals codes",
      );
    });

    it("refuses the simulated provider without DEMO_MODE=true, naming both variables", () => {
      const simulated = { NODE_ENV: "production", JWT_SECRET: SECRET, SMS_PROVIDER: "simulated" };
      expect(failure(simulated)).toBe(
        "Invalid configuration:\n  - SMS_PROVIDER: SMS_PROVIDER=simulated in production also needs DEMO_MODE=true: its outbox shows every code on screen, so it is for public demos only",
      );
      expect(failure({ ...simulated, DEMO_MODE: "false" })).toContain("DEMO_MODE=true");
      expect(parseEnv({ ...simulated, DEMO_MODE: "true" })).toMatchObject({ SMS_PROVIDER: "simulated", DEMO_MODE: true });
    });

    it("names every problem at once", () => {
      const message = failure({ NODE_ENV: "production" });
      expect(message).toContain("JWT_SECRET:");
      expect(message).toContain("SMS_PROVIDER:");
    });
  });

  describe("smsaero", () => {
    it("requires the e-mail and the API key", () => {
      expect(failure({ NODE_ENV: "test", SMS_PROVIDER: "smsaero" })).toBe(
        "Invalid configuration:\n  - SMSAERO_EMAIL: SMSAERO_EMAIL is required when SMS_PROVIDER=smsaero\n" +
          "  - SMSAERO_API_KEY: SMSAERO_API_KEY is required when SMS_PROVIDER=smsaero",
      );
      expect(failure({ NODE_ENV: "test", SMS_PROVIDER: "smsaero", SMSAERO_EMAIL: "a@b.c" })).toContain("SMSAERO_API_KEY:");
    });

    it("accepts credentials and keeps the default sender and endpoint", () => {
      const config = parseEnv({ NODE_ENV: "test", SMS_PROVIDER: "smsaero", SMSAERO_EMAIL: "a@b.c", SMSAERO_API_KEY: "key" });
      expect(config).toMatchObject({ SMS_PROVIDER: "smsaero", SMSAERO_EMAIL: "a@b.c", SMSAERO_API_KEY: "key", SMSAERO_SIGN: "SMS Aero", SMSAERO_TIMEOUT_MS: 10_000 });
    });
  });

  describe("the development secret", () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("is generated once and kept beside the embedded database", () => {
      dir = mkdtempSync(path.join(tmpdir(), "env-test-"));
      const pgliteDir = path.join(dir, "data", "pglite");
      const first = parseEnv({ NODE_ENV: "development", PGLITE_DIR: pgliteDir });
      const file = path.join(dir, "data", "jwt-secret");
      expect(readFileSync(file, "utf8").trim()).toBe(first.JWT_SECRET);
      expect(first.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(parseEnv({ NODE_ENV: "development", PGLITE_DIR: pgliteDir }).JWT_SECRET).toBe(first.JWT_SECRET);
    });

    it("is not used when JWT_SECRET is set", () => {
      dir = mkdtempSync(path.join(tmpdir(), "env-test-"));
      expect(parseEnv({ NODE_ENV: "development", PGLITE_DIR: path.join(dir, "pglite"), JWT_SECRET: SECRET }).JWT_SECRET).toBe(SECRET);
    });
  });
});

describe("env", () => {
  afterEach(() => {
    delete process.env.OTP_LENGTH;
    resetEnvCache();
  });

  it("reads process.env once until the cache is reset", () => {
    const before = env();
    expect(env()).toBe(before);
    process.env.OTP_LENGTH = "6";
    expect(env().OTP_LENGTH).toBe(before.OTP_LENGTH);
    resetEnvCache();
    expect(env().OTP_LENGTH).toBe(6);
  });
});
