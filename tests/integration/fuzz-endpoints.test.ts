import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/api";
import { createAccount, type TestAccount } from "../helpers/invite-accounts";

// Every route handler and the methods it exports, found the way tests/helpers/api.ts finds them.
const modules = import.meta.glob<Record<string, unknown>>("/app/api/**/route.ts", { eager: true });
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const endpoints = Object.entries(modules).flatMap(([file, exports]) => {
  const path = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "");
  return METHODS.filter((method) => typeof exports[method] === "function").map((method) => ({ method, path }));
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const PROBLEM_JSON = /^application\/problem\+json/;

// Keys the endpoints know, so that some queries and bodies get past the first check, and anything else.
const knownKey = fc.constantFrom("phone", "code", "limit", "cursor", "query", "firstName", "lastName", "email", "refreshToken", "isBlocked", "isAdmin");
const key = fc.oneof(knownKey, fc.string({ maxLength: 12 }));
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("+79991234567", "123456", "ABC123", "-1", "0", "1e400", "NaN", "\u0000", "💥", "' or 1=1 --", "%00", "a".repeat(5000)),
);
const jsonValue = fc.oneof({ depthSize: "small" }, fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, scalar, { maxKeys: 2 })), { maxKeys: 6 }), fc.json(), scalar);
const rawBody = fc.oneof(
  jsonValue.map((value) => ({ body: JSON.stringify(value), type: "application/json" })),
  fc.string({ maxLength: 200 }).map((text) => ({ body: text, type: "application/json" })),
  fc.string({ maxLength: 200 }).map((text) => ({ body: text, type: "text/plain" })),
  fc.constant({ body: "", type: "application/json" }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ body: Buffer.from(bytes).toString("latin1"), type: "multipart/form-data; boundary=x" })),
);
const queryString = fc
  .array(fc.tuple(key, fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom("", "-5", "99999999999", "null"))), { maxLength: 4 })
  .map((pairs) => new URLSearchParams(pairs).toString());
// "." and ".." are not path segments: URL parsing removes them before any routing.
const segment = fc
  .oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom("0", "-1", "null", "%", "00000000-0000-0000-0000-000000000000"))
  .filter((value) => value !== "." && value !== "..");
const who = fc.constantFrom("anonymous", "user", "admin", "garbage");

let admin: TestAccount;

beforeAll(async () => {
  // The first account of a fresh database is its administrator.
  admin = await createAccount();
});

describe("fuzzing every endpoint", () => {
  it("finds the route handlers", () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(endpoints)("$method $path", ({ method, path }) => {
    it("never answers 5xx, and answers every error with problem+json", { timeout: 60_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(rawBody, queryString, segment, who, fc.ipV4(), async (body, query, id, caller, address) => {
          // A fresh account per run: DELETE /profile or a phone change must not spoil the next run.
          const token = caller === "user" ? (await createAccount()).token : caller === "admin" ? admin.token : caller === "garbage" ? "x.y.z" : undefined;
          const url = `${path.replace(/\[\w+\]/g, encodeURIComponent(id))}${query ? `?${query}` : ""}`;
          const response = await call(method, url, {
            token,
            address,
            headers: { "content-type": body.type },
            body: method === "GET" || method === "DELETE" ? undefined : body.body,
          });
          expect(response.status, `${method} ${url} ${body.body.slice(0, 200)} → ${response.text.slice(0, 300)}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get("content-type")).toMatch(PROBLEM_JSON);
            expect(response.body).toMatchObject({ status: response.status, code: expect.any(String), title: expect.any(String), requestId: expect.any(String) });
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  });
});
