import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .default("false")
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** `1000-2000` (a random delay in that range) or `1500` (a fixed delay), in milliseconds. */
const delayRange = z
  .string()
  .trim()
  .regex(/^\d+(\s*-\s*\d+)?$/, "expected milliseconds like 1500 or a range like 1000-2000")
  .default("1000-2000")
  .transform((value) => {
    const [min, max = min] = value.split("-").map((part) => Number(part.trim())) as [number, number?];
    return { min: Math.min(min, max), max: Math.max(min, max) };
  });

/** `+79990000000=1234,+79990000001=5678` */
const testNumbers = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const numbers = new Map<string, string>();
    for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
      const match = /^(\+\d{8,15})=(\d{4,8})$/.exec(entry);
      if (!match) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not of the form +79990000000=1234` });
        return z.NEVER;
      }
      numbers.set(match[1]!, match[2]!);
    }
    return numbers;
  });

/** `RU,KZ` (upper-cased), or `*` for every region; unset means the default phone region alone. */
const regionList = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (value === "*") return "*" as const;
    const regions = value.split(",").map((part) => part.trim().toUpperCase()).filter(Boolean);
    for (const region of regions) {
      if (!/^[A-Z]{2}$/.test(region)) {
        ctx.addIssue({ code: "custom", message: `"${region}" is not a two-letter region code (expected a list such as RU,KZ or *)` });
        return z.NEVER;
      }
    }
    return regions;
  });

/** Seconds between delivery attempts: `5,30,120`. */
const secondsList = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((value, ctx) => {
      const parts = value.split(",").map((part) => part.trim());
      if (parts.some((part) => !/^\d{1,7}$/.test(part))) {
        ctx.addIssue({ code: "custom", message: `"${value}" is not a comma list of whole seconds such as 5,30,120` });
        return z.NEVER;
      }
      return parts.map(Number);
    });

/** `https://app.example.com,http://localhost:5173`: exact origins (scheme, host, port), no path, no wildcard. */
const originList = z
  .string()
  .trim()
  .default("")
  .transform((value, ctx) => {
    const origins: string[] = [];
    for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
      let origin: string | undefined;
      try {
        origin = new URL(entry).origin;
      } catch {
        origin = undefined;
      }
      if (!origin || origin === "null" || origin !== entry || entry.includes("*")) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not an exact origin such as https://app.example.com (no path, no trailing slash, no wildcard)` });
        return z.NEVER;
      }
      origins.push(origin);
    }
    return [...new Set(origins)];
  });

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalText,
    /** A direct (not pooled) connection for migrations when DATABASE_URL points at a pooler. */
    DATABASE_DIRECT_URL: optionalText,
    /** `transaction` behind PgBouncer/Supavisor in transaction mode: no prepared statements, no session state. */
    DATABASE_POOL_MODE: z.enum(["session", "transaction"]).default("session"),
    DATABASE_POOL_MAX: integer(10, 1),
    /** Worker processes; read by lib/server/cluster.mjs, validated here so that a bad value names itself. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).optional(),
    SHUTDOWN_TIMEOUT_SECONDS: integer(30, 1),
    PGLITE_DIR: z.string().trim().min(1).default("./.data/pglite"),
    JWT_SECRET: optionalText,
    SMS_PROVIDER: z.enum(["simulated", "smsaero"]).optional(),
    SMS_SIMULATED_DELAY_MS: delayRange,
    SMSAERO_EMAIL: optionalText,
    SMSAERO_API_KEY: optionalText,
    SMSAERO_SIGN: z.string().trim().default("SMS Aero"),
    SMSAERO_BASE_URL: z.url().default("https://gate.smsaero.ru/v2"),
    SMSAERO_TIMEOUT_MS: integer(10_000, 100),
    OTP_LENGTH: integer(4, 4).pipe(z.number().max(8)),
    OTP_TTL_SECONDS: integer(300, 10),
    OTP_RESEND_SECONDS: integer(60, 0),
    OTP_MAX_ATTEMPTS: integer(3, 1),
    OTP_MAX_PER_PHONE_PER_HOUR: integer(5, 1),
    OTP_MAX_PER_IP_PER_HOUR: integer(30, 1),
    OTP_MAX_FAILED_PER_PHONE_PER_DAY: integer(10, 1),
    OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY: integer(50, 1),
    SMS_ALLOWED_REGIONS: regionList,
    SMS_MAX_PER_HOUR: integer(1000, 1),
    DEMO_MODE: booleanFlag,
    ADMIN_PHONES: z.string().trim().default(""),
    AVATAR_MAX_PIXELS: integer(16_000_000, 1),
    SMS_TEST_NUMBERS: testNumbers,
    ACCESS_TOKEN_TTL_SECONDS: integer(900, 10),
    REFRESH_TOKEN_TTL_SECONDS: integer(2_592_000, 60),
    /** A rotated refresh token presented again within this time gets a new pair of the same session; 0 turns it off. */
    REFRESH_REUSE_GRACE_SECONDS: integer(10, 0).pipe(z.number().max(300)),
    JWT_ISSUER: z.string().trim().default("phone-referrals"),
    JWT_AUDIENCE: z.string().trim().default("phone-referrals"),
    CORS_ORIGINS: originList,
    DEFAULT_PHONE_REGION: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "expected a two-letter region code such as RU")
      .default("RU"),
    /** The pages' language when neither the `locale` cookie nor Accept-Language decides. */
    DEFAULT_LOCALE: z.enum(["en", "ru"]).default("en"),
    /** The service's public origin (links, the WebOTP line of the SMS); unset: the request's origin. */
    PUBLIC_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: "expected an origin such as https://referrals.example.com" })
        .transform((value) => new URL(value).origin)
        .optional(),
    ),
    TRUST_PROXY: booleanFlag,
    TRUST_PROXY_HOPS: integer(1, 1),
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: booleanFlag,
    WEBHOOK_RETRY_SCHEDULE: secondsList("5,30,120,600,1800,7200,21600,43200"),
    WEBHOOK_TIMEOUT_MS: integer(10_000, 100),
    WEBHOOK_DISABLE_AFTER_HOURS: integer(72, 1),
    WEBHOOK_RETENTION_DAYS: integer(30, 1),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) {
      ctx.addIssue({
        code: "custom",
        path: ["JWT_SECRET"],
        message: "JWT_SECRET must be set to at least 32 characters in production",
      });
    }
    if (!env.SMS_PROVIDER) {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_PROVIDER"],
        message:
          "SMS_PROVIDER must be set explicitly in production (simulated or smsaero): the simulated outbox reveals codes",
      });
    }
    if (env.SMS_PROVIDER === "simulated" && !env.DEMO_MODE) {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_PROVIDER"],
        message:
          "SMS_PROVIDER=simulated in production also needs DEMO_MODE=true: its outbox shows every code on screen, so it is for public demos only",
      });
    }
  })
  .superRefine((env, ctx) => {
    if (env.SMS_PROVIDER !== "smsaero") return;
    for (const key of ["SMSAERO_EMAIL", "SMSAERO_API_KEY"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required when SMS_PROVIDER=smsaero` });
    }
  });

export type Env = Omit<z.infer<typeof envSchema>, "JWT_SECRET" | "SMS_PROVIDER" | "SMS_ALLOWED_REGIONS" | "ADMIN_PHONES"> & {
  JWT_SECRET: string;
  SMS_PROVIDER: "simulated" | "smsaero";
  /** Regions whose numbers may get an SMS, or `*` for all. */
  SMS_ALLOWED_REGIONS: "*" | string[];
  /** E.164 numbers that are administrators at sign-up; when not empty, the first-account rule is off. */
  ADMIN_PHONES: string[];
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses a set of variables; exported for tests, the app uses {@link env}. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value (`OTP_RESEND_SECONDS=` in .env) means unset, for every variable: it takes the default.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const result = envSchema.safeParse(set);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".") || "env"}: ${issue.message}`);
  const adminPhones = result.success ? parsePhoneList(result.data.ADMIN_PHONES, result.data.DEFAULT_PHONE_REGION, problems) : [];
  if (!result.success || problems.length > 0) {
    throw new EnvError(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
  const parsed = result.data;
  return {
    ...parsed,
    SMS_PROVIDER: parsed.SMS_PROVIDER ?? "simulated",
    SMS_ALLOWED_REGIONS: parsed.SMS_ALLOWED_REGIONS ?? [parsed.DEFAULT_PHONE_REGION],
    ADMIN_PHONES: adminPhones,
    JWT_SECRET: parsed.JWT_SECRET ?? developmentSecret(parsed.NODE_ENV, parsed.PGLITE_DIR),
  };
}

/** `+79991234567, 8 999 123-45-68` as E.164 numbers; a number that is not valid is a configuration error. */
function parsePhoneList(value: string, region: string, problems: string[]): string[] {
  const phones: string[] = [];
  for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
    const parsed = parsePhoneNumberFromString(entry, region as CountryCode);
    if (parsed?.isValid()) phones.push(parsed.number);
    else problems.push(`ADMIN_PHONES: "${entry}" is not a valid phone number`);
  }
  return [...new Set(phones)];
}

// One per test process, so that re-reading the configuration (resetEnvCache) keeps issued tokens and codes valid.
let testSecret: string | undefined;

/** Outside production a signing key is generated once and kept beside the embedded database. */
function developmentSecret(nodeEnv: string, pgliteDir: string): string {
  if (nodeEnv === "test") return (testSecret ??= randomBytes(32).toString("base64url"));
  const file = path.join(path.dirname(path.resolve(pgliteDir)), "jwt-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(48).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

let cached: Env | undefined;

/** The validated configuration, read once. The only reader of `process.env` in the app. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change variables between cases; this makes the next {@link env} call read them again. */
export function resetEnvCache(): void {
  cached = undefined;
}
