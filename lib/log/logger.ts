import cluster from "node:cluster";
import pino from "pino";
import { env } from "@/lib/config/env";

const redactedPaths = [
  "code",
  "*.code",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

let instance: pino.Logger | undefined;

/** Structured JSON logs. Codes and tokens are redacted wherever a caller passes them by name. */
export function logger(): pino.Logger {
  instance ??= pino({
    level: env().LOG_LEVEL,
    // Under the cluster launcher (lib/server/cluster.mjs) every line names its worker.
    base: { service: "phone-referrals", ...(cluster.worker ? { worker: cluster.worker.id } : {}) },
    redact: { paths: redactedPaths, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return instance;
}

/** For tests that capture log lines. */
export function setLoggerForTests(next: pino.Logger | undefined): void {
  instance = next;
}
