import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { createLogger, logger, maskPhone, maskPhonesIn, serializeError, setLoggerForTests } from "./logger";

afterEach(() => {
  setLoggerForTests(undefined);
  process.env.LOG_LEVEL = "silent";
  resetEnvCache();
  vi.restoreAllMocks();
});

function capture(): { lines: string[]; entries: () => Record<string, any>[]; log: ReturnType<typeof createLogger> } {
  process.env.LOG_LEVEL = "info";
  resetEnvCache();
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, any>), log: createLogger(stream) };
}

describe("logger", () => {
  it("writes JSON lines and redacts codes and tokens passed by name", () => {
    process.env.LOG_LEVEL = "info";
    resetEnvCache();
    setLoggerForTests(undefined);
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(chunk.toString());
      return true;
    });
    const log = logger();
    expect(logger()).toBe(log);
    log.info(
      { code: "1234", accessToken: "a.b.c", refreshToken: "refresh-one", token: "token-one", input: { code: "5678", refreshToken: "refresh-two" }, headers: { authorization: "Bearer x", cookie: "pr_access=y" } },
      "redaction check",
    );
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 30, service: "phone-referrals", msg: "redaction check", code: "[redacted]", accessToken: "[redacted]" });
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const secret of ["1234", "5678", "a.b.c", "refresh-one", "refresh-two", "token-one", "Bearer x", "pr_access=y"]) expect(lines[0]).not.toContain(secret);
  });

  it("masks phones passed by name and redacts SMS texts", () => {
    const { entries, log } = capture();
    log.info({ phone: "+79991234567", smsTo: "+79991234567", newPhone: "+447700900123", request: { phone: "+79991234567", oldPhone: 79991234567 }, smsText: "Your code: 1234", text: "1234" }, "phones");
    expect(entries()[0]).toMatchObject({
      phone: "+7999*****67",
      smsTo: "+7999*****67",
      newPhone: "+4477******23",
      request: { phone: "+7999*****67", oldPhone: "[redacted]" },
      smsText: "[redacted]",
      text: "[redacted]",
    });
  });

  it("serializes errors without query parameters, with phones masked and their own code kept", () => {
    const { lines, entries, log } = capture();
    const reason = Object.assign(new Error('new row for relation "rate_limits" violates check constraint "x"'), {
      code: "23514",
      detail: "Failing row contains (otp:phone:+79991234567, 1).",
      parameters: ["otp:phone:+79991234567"],
      query: "insert into rate_limits values ($1)",
    });
    class DrizzleQueryError extends Error {
      constructor(
        readonly query: string,
        readonly params: unknown[],
        cause: unknown,
      ) {
        super(`Failed query: ${query}\nparams: ${params.join(",")}`);
        this.cause = cause;
      }
    }
    log.error({ err: new DrizzleQueryError("insert into rate_limits values ($1)", ["otp:phone:+79991234567", "8231"], reason) }, "request failed");
    const { err } = entries()[0]!;
    expect(err).toMatchObject({
      type: "DrizzleQueryError",
      message: "Failed query: insert into rate_limits values ($1)",
      cause: { type: "Error", code: "23514", detail: "Failing row contains (values withheld)." },
    });
    expect(err.stack).toMatch(/^Error: Failed query: insert into rate_limits values \(\$1\)\n\s+at /);
    expect(lines[0]).not.toMatch(/params|parameters|79991234567|8231/);
  });
});

describe("maskPhone", () => {
  it("keeps the first five characters and the last two", () => {
    expect(maskPhone("+79991234567")).toBe("+7999*****67");
    expect(maskPhone("+4477009001")).toBe("+4477****01");
    expect(maskPhone("1234567")).toBe("*******");
    expect(maskPhone("")).toBe("");
  });

  it("finds phones inside texts, with or without the plus", () => {
    expect(maskPhonesIn("refused +79991234567 and 79991234568; code 1234 at 12:00")).toBe("refused +7999*****67 and 79991****68; code 1234 at 12:00");
  });
});

describe("serializeError", () => {
  it("passes non-errors through, masking strings", () => {
    expect(serializeError("to +79991234567")).toBe("to +7999*****67");
    expect(serializeError(42)).toBe(42);
    expect(serializeError(undefined)).toBeUndefined();
  });

  it("follows causes and aggregate errors, stops at cycles, masks nested values", () => {
    const inner = new Error("inner +79991234567");
    const outer = Object.assign(new Error("outer", { cause: inner }), {
      sibling: inner,
      details: { phone: "+79991234567", count: 2 },
      detail: "Key (phone)=(+79991234567) already exists.",
      bigint: { value: 1n },
      retry: () => undefined,
    });
    const looped: Error & { self?: unknown } = new Error("looped");
    looped.self = looped;
    const aggregate = new AggregateError([outer, looped, "text +79991234567"], "several");
    const result = serializeError(aggregate) as Record<string, any>;
    expect(result.type).toBe("AggregateError");
    expect(result.aggregateErrors).toHaveLength(3);
    const [first, second, third] = result.aggregateErrors as Record<string, any>[];
    expect(first).toMatchObject({ message: "outer", detail: "Key (phone)=(+7999*****67) already exists.", sibling: { message: "inner +7999*****67" }, details: { phone: "+7999*****67", count: 2 }, bigint: "[unserializable]" });
    expect(first).not.toHaveProperty("retry");
    expect(first!.cause).toBeUndefined();
    expect(second).toMatchObject({ message: "looped", self: "[circular]" });
    expect(third).toBe("text +7999*****67");
  });

  it("handles errors without a stack or a constructor name", () => {
    const bare = Object.assign(Object.create(null) as object, { message: "plain", name: "Plain", cause: "why +79991234567" });
    expect(serializeError(bare)).toEqual({ type: "Plain", message: "plain", name: "Plain", cause: "why +7999*****67" });
    const error = new Error("no stack");
    error.stack = undefined;
    expect(serializeError(error)).toEqual({ type: "Error", message: "no stack" });
  });
});
