import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { setLoggerForTests } from "@/lib/log/logger";
import { isDatabaseUnavailable } from "@/db/errors";
import { ApiError } from "@/lib/errors/api-error";
import { errorCodes } from "@/lib/errors/error-codes";
import { errorToResponse, problemBody, toApiError } from "./problem";

function captureLogs(): string[] {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  setLoggerForTests(pino({ level: "info" }, stream));
  return lines;
}

afterEach(() => setLoggerForTests(undefined));

async function answer(error: unknown, requestId = "req-1") {
  const response = errorToResponse(error, requestId);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const withCause = (cause: unknown, message = "query failed") => new Error(message, { cause });

describe("the error table", () => {
  it("gives every code a 4xx or 5xx status and a title", () => {
    for (const [code, { status, title }] of Object.entries(errorCodes)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(title.length, code).toBeGreaterThan(0);
    }
  });

  it("builds RFC 9457 bodies", () => {
    expect(problemBody("invite_code_not_found", "No such code.")).toEqual({
      type: "https://phone-referrals.dev/problems/invite-code-not-found",
      title: "Invite code not found",
      status: 404,
      detail: "No such code.",
      code: "invite_code_not_found",
    });
  });
});

describe("ApiError extension members", () => {
  it("carries the extension members a client reads instead of the detail, and only those given", async () => {
    expect((await answer(new ApiError("invalid_code", "x", { attemptsLeft: 0 }))).body).toMatchObject({ code: "invalid_code", attemptsLeft: 0 });
    expect((await answer(new ApiError("rate_limited", "x", { retryAfter: 5, limit: "otp_resend" }))).body).toMatchObject({ limit: "otp_resend" });
    expect(Object.keys((await answer(new ApiError("invalid_code", "x"))).body)).not.toContain("attemptsLeft");
  });
});

describe("errorToResponse", () => {
  it("answers an ApiError as it is, with Retry-After and the request id", async () => {
    const { status, headers, body } = await answer(new ApiError("rate_limited", "Wait a little.", { retryAfter: 41.2 }));
    expect(status).toBe(429);
    expect(headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(headers.get("retry-after")).toBe("42");
    expect(headers.get("x-request-id")).toBe("req-1");
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({
      type: "https://phone-referrals.dev/problems/rate-limited",
      title: "Too many requests",
      status: 429,
      detail: "Wait a little.",
      code: "rate_limited",
      requestId: "req-1",
    });
  });

  it("has no Retry-After when there is nothing to wait for, and no requestId when none is given", async () => {
    const response = errorToResponse(new ApiError("invalid_code", "Wrong."));
    expect(response.headers.get("retry-after")).toBeNull();
    expect(response.headers.get("x-request-id")).toBeNull();
    expect(await response.json()).not.toHaveProperty("requestId");
  });

  it("turns a ZodError into validation_error with one entry per field, unknown keys included", async () => {
    const schema = z.strictObject({ phone: z.string(), nested: z.strictObject({ age: z.number().int() }) });
    const parsed = schema.safeParse({ phone: 5, nested: { age: 1.5, extra: true }, other: 1, more: 2 });
    expect(parsed.success).toBe(false);
    const { status, body } = await answer(parsed.error);
    expect(status).toBe(400);
    expect(body).toEqual({
      type: "https://phone-referrals.dev/problems/validation-error",
      title: "Validation failed",
      status: 400,
      detail: "The request has invalid or missing fields.",
      code: "validation_error",
      requestId: "req-1",
      errors: expect.arrayContaining([
        { path: "phone", message: "Invalid input: expected string, received number" },
        { path: "nested.age", message: "Invalid input: expected int, received number" },
        { path: "nested.extra", message: "Unknown field." },
        { path: "other", message: "Unknown field." },
        { path: "more", message: "Unknown field." },
      ]),
    });
    expect(body.errors).toHaveLength(5);
  });

  it("names the root when the whole value is wrong", async () => {
    const parsed = z.object({ phone: z.string() }).safeParse([]);
    expect((await answer(parsed.error)).body.errors).toEqual([{ path: "(root)", message: "Invalid input: expected object, received array" }]);
  });

  it.each([
    ["ECONNREFUSED on the error", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })],
    ["ECONNREFUSED in a cause", withCause(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))],
    ["a cause of a cause", withCause(withCause(Object.assign(new Error("gone"), { code: "CONNECTION_ENDED" })))],
    ["an SQLSTATE of class 08", withCause(Object.assign(new Error("lost"), { code: "08006" }))],
    ["the server shutting down", Object.assign(new Error("terminating"), { code: "57P01" })],
    ["too many connections", Object.assign(new Error("full"), { code: "53300" })],
    ["an AggregateError of refusals", new AggregateError([Object.assign(new Error("v4"), { code: "ECONNREFUSED" }), new Error("v6")])],
    ["a missing database", withCause(Object.assign(new Error('database "x" does not exist'), { code: "3D000" }))],
    ["refused credentials", Object.assign(new Error("password authentication failed"), { code: "28P01" })],
    ["postgres.js's connect timeout", withCause(Object.assign(new Error("write CONNECT_TIMEOUT"), { code: "CONNECT_TIMEOUT" }))],
  ])("answers 503 for %s and logs the cause", async (_name, error) => {
    const logs = captureLogs();
    const { status, headers, body } = await answer(error);
    expect(status).toBe(503);
    expect(headers.get("retry-after")).toBe("5");
    expect(body).toEqual({
      type: "https://phone-referrals.dev/problems/service-unavailable",
      title: "Service unavailable",
      status: 503,
      detail: "The database is unavailable. Please try again shortly.",
      code: "service_unavailable",
      requestId: "req-1",
    });
    expect(logs).toHaveLength(1);
    expect(JSON.parse(logs[0]!)).toMatchObject({ level: 50, requestId: "req-1", errorCode: "service_unavailable", msg: "request failed" });
  });

  it("answers 409 conflict for a unique violation wrapped by the query builder", async () => {
    const violation = Object.assign(new Error("duplicate key"), { code: "23505", constraint_name: "users_phone_unique" });
    const { status, body } = await answer(withCause(violation));
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: "conflict", detail: "The request conflicts with the current state. Please try again." });
  });

  it.each([
    ["an Error", new Error("SELECT secret FROM somewhere failed")],
    ["a thrown string", "boom"],
    ["undefined", undefined],
    ["a foreign-key violation", withCause(Object.assign(new Error("fk"), { code: "23503" }))],
    ["an object with a numeric code", { code: 500 }],
  ])("answers 500 with a generic detail for %s, and logs it", async (_name, error) => {
    const logs = captureLogs();
    const { status, headers, body } = await answer(error);
    expect(status).toBe(500);
    expect(headers.get("retry-after")).toBeNull();
    expect(body).toEqual({
      type: "https://phone-referrals.dev/problems/internal-error",
      title: "Internal server error",
      status: 500,
      detail: "Something went wrong on our side. Please try again.",
      code: "internal_error",
      requestId: "req-1",
    });
    expect(logs).toHaveLength(1);
    expect(JSON.parse(logs[0]!)).toMatchObject({ level: 50, errorCode: "internal_error" });
  });

  it("does not log client errors", async () => {
    const logs = captureLogs();
    await answer(new ApiError("invalid_phone", "Bad number."));
    expect(logs).toEqual([]);
  });

  it("does not loop on a cyclic cause chain", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
    expect(toApiError(a).code).toBe("internal_error");
  });
});
