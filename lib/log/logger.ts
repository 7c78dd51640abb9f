import cluster from "node:cluster";
import pino from "pino";
import { env } from "@/lib/config/env";

const secretFields = ["code", "token", "accessToken", "refreshToken", "authorization", "cookie", "smsText", "text"];
const phoneFields = new Set(["phone", "newPhone", "oldPhone", "smsTo"]);

const redactedPaths = [
  ...[...secretFields, ...phoneFields].flatMap((field) => [field, `*.${field}`]),
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

// A phone as E.164 (`+79991234567`) or as SMS gateways write it (`79991234567`), inside any text.
const phoneInText = /\+?\d{10,15}/g;
// Drizzle's DrizzleQueryError ends its message with the query's parameters (phones, keys, hashes).
const queryParametersInMessage = /\nparams: [\s\S]*$/;
// Query parameters and texts as the drivers attach them: Drizzle (params), postgres.js (parameters, query),
// PGlite (params, query, queryOptions).
const droppedErrorFields = new Set(["params", "parameters", "query", "queryOptions", "raw"]);
// PostgreSQL's detail of a constraint violation lists the values of the row: the query's parameters again.
const rowValuesInDetail = /^Failing row contains \(.*\)\.?$/s;

/** `+79991234567` → `+7999*****67`: the first five characters and the last two, stars between. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 5)}${"*".repeat(phone.length - 7)}${phone.slice(-2)}`;
}

export function maskPhonesIn(text: string): string {
  return text.replace(phoneInText, maskPhone);
}

function censor(value: unknown, path: string[]): unknown {
  const field = path.at(-1) ?? "";
  // An error's own `code` is a driver or HTTP code (ECONNREFUSED, 23505), never a sign-in code.
  if (field === "code" && path[0] === "err") return value;
  if (phoneFields.has(field)) return typeof value === "string" ? maskPhone(value) : "[redacted]";
  return "[redacted]";
}

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: unknown;
  aggregateErrors?: unknown[];
  [field: string]: unknown;
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string";
}

function safeValue(value: unknown): unknown {
  if (typeof value === "string") return maskPhonesIn(value);
  if (typeof value !== "object" || value === null) return value;
  try {
    return JSON.parse(maskPhonesIn(JSON.stringify(value))) as unknown;
  } catch {
    return "[unserializable]";
  }
}

/**
 * Errors as pino's standard serializer writes them, without the query parameters the database drivers attach
 * (they hold phones, codes' hashes, rate-limit keys) and with phones masked in every text, the stack included.
 */
export function serializeError(error: unknown, seen = new Set<unknown>()): unknown {
  if (!isErrorLike(error)) return typeof error === "string" ? maskPhonesIn(error) : error;
  seen.add(error);
  const message = error.message.replace(queryParametersInMessage, "");
  const stack = typeof error.stack === "string" ? error.stack.replace(error.message, () => message) : undefined;
  const result: SerializedError = {
    type: error.constructor?.name || error.name,
    message: maskPhonesIn(message),
    ...(stack !== undefined ? { stack: maskPhonesIn(stack) } : {}),
  };
  for (const [field, value] of Object.entries(error)) {
    if (droppedErrorFields.has(field) || field in result || typeof value === "function") continue;
    if (field === "detail" && typeof value === "string" && rowValuesInDetail.test(value)) result[field] = "Failing row contains (values withheld).";
    else result[field] = isErrorLike(value) ? (seen.has(value) ? "[circular]" : serializeError(value, seen)) : safeValue(value);
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && !seen.has(cause)) result.cause = serializeError(cause, seen);
  if (error instanceof AggregateError) result.aggregateErrors = error.errors.map((inner: unknown) => serializeError(inner, seen));
  return result;
}

function options(): pino.LoggerOptions {
  return {
    level: env().LOG_LEVEL,
    // Under the cluster launcher (lib/server/cluster.mjs) every line names its worker.
    base: { service: "phone-referrals", ...(cluster.worker ? { worker: cluster.worker.id } : {}) },
    redact: { paths: redactedPaths, censor },
    serializers: { err: (error: unknown) => serializeError(error) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/**
 * Structured JSON logs. Codes, tokens and SMS texts are redacted and phones masked wherever a caller passes them
 * by name; errors lose their query parameters and have phones masked in their texts.
 */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return destination ? pino(options(), destination) : pino(options());
}

let instance: pino.Logger | undefined;

export function logger(): pino.Logger {
  instance ??= createLogger();
  return instance;
}

/** For tests that capture log lines (build one with createLogger and a stream). */
export function setLoggerForTests(next: pino.Logger | undefined): void {
  instance = next;
}
