import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { getDb, useDatabaseForTests } from "@/db";
import { resetEnvCache } from "@/lib/config/env";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";
import { isUnsafeMethod, routeHandlers } from "@/lib/openapi/route-config";
import { ACCESS_COOKIE } from "@/lib/sessions/session-cookies";
import type { AuthTokens } from "@/lib/auth/schemas";
import { call, type RequestOptions } from "../helpers/api";
import { forgetDatabaseConnection } from "../helpers/db";
import { setEnv } from "../helpers/env";
import { latestCode, passCooldown, passRefreshReuseGrace, requestCode, signIn, uniquePhone } from "../helpers/flows";
import { documentedOperation, documentedResponse, expectDocumented, openApiDocument } from "../helpers/openapi";
import { testDatabase } from "../helpers/setup-database";

const SOME_ID = "00000000-0000-4000-8000-000000000000";
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The statuses the journeys below got, by operationId. */
const answered = new Map<string, Set<number>>();

/** Calls a route handler and fails unless the answer is one the OpenAPI document describes. */
async function checked(method: string, url: string, options: RequestOptions = {}) {
  const response = await call(method, url, options);
  expectDocumented(method, url, response);
  const operationId = documentedOperation(method, url)!.operationId as string;
  answered.set(operationId, (answered.get(operationId) ?? new Set()).add(response.status));
  return response;
}

/** Every handler built by route(), with its configuration and documented operation. */
function routeOperations() {
  const modules = import.meta.glob<Record<string, unknown>>(["/app/api/**/route.ts", "/app/.well-known/**/route.ts"], { eager: true });
  return routeHandlers(modules).flatMap(({ path: urlPath, method, config }) =>
    config ? [{ where: `${method.toUpperCase()} ${urlPath}`, config, operation: openApiDocument.paths[urlPath][method] }] : [],
  );
}

describe("the OpenAPI document", () => {
  it("documents every method of every route handler under app/api and app/.well-known, and nothing else", () => {
    const modules = import.meta.glob<Record<string, unknown>>(["/app/api/**/route.ts", "/app/.well-known/**/route.ts"], { eager: true });
    const handlers = Object.entries(modules).flatMap(([file, exports]) => {
      const urlPath = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}");
      return HTTP_METHODS.filter((method) => typeof exports[method] === "function").map((method) => `${method} ${urlPath}`);
    });
    const documented = Object.entries(openApiDocument.paths as Record<string, object>).flatMap(([urlPath, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${urlPath}`),
    );
    expect(handlers.length).toBeGreaterThan(8);
    expect(documented.sort()).toEqual(handlers.sort());
  });

  it("documents each handler's body, query and authentication as its route() configuration validates them", () => {
    const modules = import.meta.glob<Record<string, any>>(["/app/api/**/route.ts", "/app/.well-known/**/route.ts"], { eager: true });
    const checked = [];
    for (const [file, exports] of Object.entries(modules)) {
      const urlPath = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}");
      for (const method of HTTP_METHODS) {
        const config = exports[method]?.config as { body?: z.ZodType; bodyOptional?: boolean; query?: z.ZodObject; auth?: string } | undefined;
        if (!config) continue;
        const where = `${method} ${urlPath}`;
        const operation = openApiDocument.paths[urlPath][method.toLowerCase()];
        checked.push(where);
        if (config.body) {
          const schema = config.body instanceof z.ZodOptional ? (config.body.unwrap() as z.ZodType) : config.body;
          const id = z.globalRegistry.get(schema)?.id;
          expect(id, `${where}: give the body schema .meta({ id })`).toBeTruthy();
          expect(operation.requestBody?.content?.["application/json"]?.schema, where).toEqual({ $ref: `#/components/schemas/${id}` });
          expect(operation.requestBody.required, `${where}: requestBody.required`).toBe(!config.bodyOptional);
        }
        const documentedQuery = ((operation.parameters ?? []) as { name: string; in: string }[]).filter((p) => p.in === "query").map((p) => p.name);
        expect(documentedQuery.sort(), `${where}: query parameters`).toEqual(Object.keys(config.query?.shape ?? {}).sort());
        const security = JSON.stringify(operation.security);
        if (config.auth === "user" || config.auth === "admin") expect(security, where).toBe(JSON.stringify([{ bearerAuth: [] }, { cookieAuth: [] }]));
        else if (config.auth === "optional") expect(security, where).toBe(JSON.stringify([{ bearerAuth: [] }, { cookieAuth: [] }, {}]));
        else expect(security, where).toBe("[]");
      }
    }
    expect(checked.length).toBeGreaterThan(6);
  });

  it("documents each handler's success answer as its route({ response }) configuration declares it", () => {
    const withResponse = routeOperations().filter(({ config }) => config.response);
    for (const { where, config, operation } of withResponse) {
      const { status = 200, description, schema } = config.response!;
      const documented = operation.responses[String(status)];
      expect(documented?.description, `${where} ${status}`).toBe(description);
      const id = schema ? z.globalRegistry.get(schema)?.id : undefined;
      expect(documented.content, `${where} ${status}`).toEqual(id ? { "application/json": { schema: { $ref: `#/components/schemas/${id}` } } } : undefined);
    }
    expect(withResponse.length).toBeGreaterThan(25);
  });

  it("is what the route handlers and zod schemas generate now (run npm run generate:openapi)", async () => {
    const file = JSON.parse(readFileSync(path.join(process.cwd(), "lib/openapi/openapi.generated.json"), "utf8"));
    expect(await buildOpenApiDocument({ root: process.cwd() })).toEqual(file);
  });

  it("gives every operation a summary, a description, a tag, security and an error answer in problem+json", () => {
    for (const [urlPath, operations] of Object.entries(openApiDocument.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${urlPath}`;
        expect(operation.summary, where).toBeTruthy();
        expect(operation.description, where).toBeTruthy();
        expect(operation.tags, where).toHaveLength(1);
        expect(operation.security, where).toBeDefined();
        for (const status of Object.keys(operation.responses)) {
          const response = documentedResponse(operation, status)!;
          if (Number(status) >= 400) expect(Object.keys(response.content), `${where} ${status}`).toEqual(["application/problem+json"]);
        }
      }
    }
    const codes = openApiDocument.components.schemas.Problem.properties.code.enum;
    expect(codes).toContain("invite_code_not_found");
  });

  it("has every operation in the Postman collection", () => {
    const collection = JSON.parse(readFileSync(path.join(process.cwd(), "postman/phone-referrals.postman_collection.json"), "utf8"));
    const requests: { method: string; url: { path: string[] } }[] = [];
    const walk = (items: any[]) => items.forEach((item) => (item.item ? walk(item.item) : requests.push(item.request)));
    walk(collection.item);
    const covered = new Set(
      requests.map((request) => {
        const urlPath = `/${request.url.path.join("/")}`.replace(/\{\{\w+\}\}/g, "x");
        return `${request.method} ${documentedOperation(request.method, urlPath)?.operationId ?? urlPath}`;
      }),
    );
    const documented = Object.values(openApiDocument.paths as Record<string, Record<string, any>>).flatMap((operations) =>
      Object.entries(operations).map(([method, operation]) => `${method.toUpperCase()} ${operation.operationId}`),
    );
    expect(documented.filter((operation) => !covered.has(operation))).toEqual([]);
  });

  it("is served at /api/openapi.json", async () => {
    const response = await checked("GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body).toEqual(openApiDocument);
  });

  it("finds operations by concrete paths", () => {
    expect(documentedOperation("GET", "/api/v1/profile?x=1")?.operationId).toBe("getProfile");
    expect(documentedOperation("GET", "/api/v1/nothing")).toBeUndefined();
  });
});

describe("real answers match the document", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  it("sign-in: request a code, read it, verify, and the errors on the way", async () => {
    const phone = uniquePhone();
    expect((await checked("POST", "/api/v1/auth/code", { json: { phone } })).status).toBe(200);
    expect((await checked("POST", "/api/v1/auth/code", { json: { phone } })).status).toBe(429);
    expect((await checked("GET", `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).status).toBe(200);
    expect((await checked("GET", "/api/v1/dev/sms")).status).toBe(400);
    expect((await checked("GET", "/api/v1/dev/sms?phone=12")).status).toBe(400);
    expect((await checked("GET", "/api/v1/dev/sms?page=2")).status).toBe(400);

    expect((await checked("POST", "/api/v1/auth/code", { json: { phone: "12" } })).status).toBe(400);
    expect((await checked("POST", "/api/v1/auth/code", { json: { phone, extra: 1 } })).status).toBe(400);
    expect((await checked("POST", "/api/v1/auth/code", { body: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await checked("POST", "/api/v1/auth/code", { body: phone, headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await checked("POST", "/api/v1/auth/code", { json: { phone: "x".repeat(17 * 1024) } })).status).toBe(413);

    const code = await latestCode(phone);
    const wrong = code === "0000" ? "1111" : "0000";
    expect((await checked("POST", "/api/v1/auth/verify", { json: { phone, code: "12" } })).status).toBe(400);
    expect((await checked("POST", "/api/v1/auth/verify", { json: { phone, code: wrong } })).status).toBe(401);
    expect((await checked("POST", "/api/v1/auth/verify", { json: { phone, code } })).status).toBe(200);

    const other = uniquePhone();
    await requestCode(other);
    for (let attempt = 0; attempt < 3; attempt += 1) await checked("POST", "/api/v1/auth/verify", { json: { phone: other, code: wrong } });
    const burned = await checked("POST", "/api/v1/auth/verify", { json: { phone: other, code: await latestCode(other) } });
    expect(burned.status).toBe(429);
  });

  it("a blocked account cannot sign in", async () => {
    const { profile } = await signIn();
    const db = await getDb();
    await db.execute(sql`update users set is_blocked = true where id = ${profile.id}`);
    await passCooldown(profile.phone);
    const code = await requestCode(profile.phone);
    const blocked = await checked("POST", "/api/v1/auth/verify", { json: { phone: profile.phone, code } });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe("account_blocked");
  });

  it("profile, refresh and logout", async () => {
    const tokens = await signIn();
    expect((await checked("GET", "/api/v1/profile", { token: tokens.accessToken })).status).toBe(200);
    expect((await checked("GET", "/api/v1/profile")).status).toBe(401);
    expect((await checked("GET", "/api/v1/profile", { token: "not-a-jwt" })).status).toBe(401);

    const refreshed = await checked("POST", "/api/v1/auth/refresh", { json: { refreshToken: tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    await passRefreshReuseGrace();
    expect((await checked("POST", "/api/v1/auth/refresh", { json: { refreshToken: tokens.refreshToken } })).status).toBe(401);
    expect((await checked("POST", "/api/v1/auth/refresh", { json: {} })).status).toBe(400);
    const crossSite = await checked("POST", "/api/v1/auth/refresh", {
      headers: { cookie: `pr_refresh=${refreshed.body.refreshToken}`, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);

    // Reusing a rotated refresh token ended the whole session.
    expect((await checked("GET", "/api/v1/profile", { token: refreshed.body.accessToken })).status).toBe(401);
    expect((await checked("POST", "/api/v1/auth/logout", { token: refreshed.body.accessToken })).status).toBe(204);

    expect((await checked("POST", "/api/v1/auth/logout")).status).toBe(204);
    expect((await checked("POST", "/api/v1/auth/logout", { json: { unknown: true } })).status).toBe(400);
    const second = await signIn();
    expect((await checked("POST", "/api/v1/auth/logout", { token: second.accessToken })).status).toBe(204);
    expect((await checked("GET", "/api/v1/profile", { token: second.accessToken })).status).toBe(401);
    const third = await signIn();
    expect((await checked("POST", "/api/v1/auth/logout", { json: { refreshToken: third.refreshToken } })).status).toBe(204);
  });

  it("invite codes and invitees", async () => {
    const owner = await signIn();
    const friend = await signIn();
    const token = friend.accessToken;
    const activate = (code: unknown, options: RequestOptions = { token }) => checked("POST", "/api/v1/profile/invite-code", { ...options, json: { code } });
    expect((await activate(friend.profile.inviteCode)).status).toBe(422);
    expect((await activate("AB-1")).status).toBe(400);
    expect((await activate(owner.profile.inviteCode, {})).status).toBe(401);
    const missing = ["ZZZZZZ", "YYYYYY"].find((code) => code !== owner.profile.inviteCode && code !== friend.profile.inviteCode);
    expect((await activate(missing)).status).toBe(404);
    expect((await activate(owner.profile.inviteCode.toLowerCase())).status).toBe(200);
    expect((await activate(owner.profile.inviteCode)).status).toBe(409);
    expect((await activate(friend.profile.inviteCode, { token: owner.accessToken })).status).toBe(422);

    const page = await checked("GET", "/api/v1/profile/invitees?limit=1", { token: owner.accessToken });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect((await checked("GET", "/api/v1/profile/invitees?limit=0", { token: owner.accessToken })).status).toBe(400);
    expect((await checked("GET", "/api/v1/profile/invitees?cursor=nonsense", { token: owner.accessToken })).status).toBe(400);
    expect((await checked("GET", "/api/v1/profile/invitees")).status).toBe(401);
    expect((await checked("GET", "/api/v1/profile", { token: owner.accessToken })).body.invitees.total).toBe(1);
  });

  it("account, avatar, phone change, administration and deletion", async () => {
    const admin = await signIn();
    const user = await signIn();
    const token = admin.accessToken;
    await (await getDb()).execute(sql`update users set is_admin = true where id = ${admin.profile.id}`);
    expect((await checked("PATCH", "/api/v1/profile", { token, json: { firstName: "Ann", email: null } })).status).toBe(200);
    expect((await checked("PATCH", "/api/v1/profile", { token, json: { email: "nope" } })).status).toBe(400);

    const form = new FormData();
    form.append("file", new Blob([readFileSync(path.join(process.cwd(), "postman/avatar.png"))], { type: "image/png" }), "avatar.png");
    const uploaded = await checked("PUT", "/api/v1/profile/avatar", { token, body: form });
    expect(uploaded.status).toBe(200);
    expect((await checked("PUT", "/api/v1/profile/avatar", { token, body: "x", headers: { "content-type": "text/plain" } })).status).toBe(415);
    const avatar = await call("GET", uploaded.body.avatarUrl);
    expect(avatar.status).toBe(200);
    expect(documentedOperation("GET", uploaded.body.avatarUrl)?.responses["200"].content).toHaveProperty(avatar.headers.get("content-type")!.split(";")[0]!);
    expect((await checked("GET", "/api/v1/avatars/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await checked("DELETE", "/api/v1/profile/avatar", { token })).status).toBe(200);

    expect((await checked("POST", "/api/v1/profile/phone", { token, json: { phone: user.profile.phone } })).status).toBe(409);
    const newPhone = uniquePhone();
    expect((await checked("POST", "/api/v1/profile/phone", { token, json: { phone: newPhone } })).status).toBe(200);
    expect((await checked("POST", "/api/v1/profile/phone/confirm", { token, json: { phone: newPhone, code: "12" } })).status).toBe(400);
    const code = await latestCode(newPhone);
    expect((await checked("POST", "/api/v1/profile/phone/confirm", { token, json: { phone: newPhone, code } })).status).toBe(200);

    expect((await checked("GET", "/api/v1/admin/stats", { token })).status).toBe(200);
    expect((await checked("GET", "/api/v1/admin/stats", { token: user.accessToken })).status).toBe(403);
    expect((await checked("GET", `/api/v1/admin/users?query=${encodeURIComponent(user.profile.phone)}`, { token })).status).toBe(200);
    expect((await checked("PATCH", `/api/v1/admin/users/${user.profile.id}`, { token, json: { isBlocked: true } })).status).toBe(200);
    expect((await checked("PATCH", `/api/v1/admin/users/${admin.profile.id}`, { token, json: { isBlocked: true } })).status).toBe(409);
    expect((await checked("PATCH", "/api/v1/admin/users/not-an-id", { token, json: { isBlocked: true } })).status).toBe(400);

    expect((await checked("DELETE", "/api/v1/profile", { token })).status).toBe(204);
    expect((await checked("GET", "/api/v1/profile", { token })).status).toBe(401);
  });

  it("sessions and signing keys", async () => {
    const laptop = await signIn();
    await passCooldown(laptop.profile.phone);
    const phone = await signIn(laptop.profile.phone);
    const listed = await checked("GET", "/api/v1/profile/sessions", { token: laptop.accessToken });
    expect(listed.status).toBe(200);
    const other = listed.body.items.find((session: { current: boolean }) => !session.current);
    expect((await checked("DELETE", `/api/v1/profile/sessions/${other.id}`, { token: laptop.accessToken })).status).toBe(204);
    expect((await checked("DELETE", `/api/v1/profile/sessions/${other.id}`, { token: laptop.accessToken })).status).toBe(404);
    expect((await checked("DELETE", "/api/v1/profile/sessions", { token: laptop.accessToken })).status).toBe(204);
    expect((await checked("GET", "/api/v1/profile", { token: phone.accessToken })).status).toBe(401);
    expect((await checked("GET", "/.well-known/jwks.json")).status).toBe(200);
  });

  it("webhook endpoints and their deliveries", async () => {
    const restore = setEnv({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
    try {
      const admin = await signIn();
      await (await getDb()).execute(sql`update users set is_admin = true where id = ${admin.profile.id}`);
      const token = admin.accessToken;
      const base = "/api/v1/admin/webhooks";
      const created = await checked("POST", base, { token, json: { url: "http://127.0.0.1:9/hooks", events: ["user.created"] } });
      expect(created.status).toBe(201);
      const endpoint = `${base}/${created.body.id}`;
      expect((await checked("GET", base, { token })).status).toBe(200);
      expect((await checked("GET", endpoint, { token })).status).toBe(200);
      expect((await checked("PATCH", endpoint, { token, json: { description: "Contract test" } })).status).toBe(200);
      expect((await checked("POST", `${endpoint}/rotate-secret`, { token })).status).toBe(200);
      expect((await checked("POST", `${endpoint}/test`, { token })).status).toBe(202);
      const deliveries = await checked("GET", `${endpoint}/deliveries`, { token });
      expect(deliveries.status).toBe(200);
      expect((await checked("POST", `${endpoint}/deliveries/${deliveries.body.items[0].id}/retry`, { token })).status).toBe(202);
      expect((await checked("POST", `${endpoint}/deliveries/${SOME_ID}/retry`, { token })).status).toBe(404);
      expect((await checked("DELETE", endpoint, { token })).status).toBe(204);
      expect((await checked("GET", endpoint, { token })).status).toBe(404);
    } finally {
      restore();
    }
  });

  it("health and readiness", async () => {
    expect((await checked("GET", "/api/health")).status).toBe(200);
    expect((await checked("GET", "/api/health/ready")).status).toBe(200);
  });

  it("the outbox is gone with a real SMS provider", async () => {
    vi.stubEnv("SMS_PROVIDER", "smsaero");
    vi.stubEnv("SMSAERO_EMAIL", "ops@example.com");
    vi.stubEnv("SMSAERO_API_KEY", "key");
    resetEnvCache();
    expect((await checked("GET", "/api/v1/dev/sms?phone=%2B79991234567")).status).toBe(404);
  });

  it("every route() handler gave its documented success status in the journeys above", () => {
    const missing = routeOperations()
      .filter(({ config }) => config.response)
      .map(({ where, config, operation }) => ({ where, status: config.response!.status ?? 200, got: answered.get(operation.operationId) }))
      .filter(({ status, got }) => !got?.has(status));
    expect(missing).toEqual([]);
  });
});

describe("the answers generated from route() configurations are real", () => {
  const handlers = routeHandlers(import.meta.glob<Record<string, unknown>>(["/app/api/**/route.ts", "/app/.well-known/**/route.ts"], { eager: true }));
  const routed = handlers.flatMap(({ path, method, config }) => (config ? [{ path: path.replace(/\{\w+\}/g, SOME_ID), method: method.toUpperCase(), config }] : []));
  let accounts: Promise<{ admin: AuthTokens; user: AuthTokens }> | undefined;
  const signedIn = () =>
    (accounts ??= (async () => {
      const [admin, user] = [await signIn(), await signIn()];
      await (await getDb()).execute(sql`update users set is_admin = true where id = ${admin.profile.id}`);
      return { admin, user };
    })());

  async function expectCode(method: string, url: string, options: RequestOptions, status: number, code: string) {
    const response = await checked(method, url, options);
    expect([response.status, response.body?.code], `${method} ${url}`).toEqual([status, code]);
  }

  it("every route() handler answers 503 while the database is unreachable; the handlers without route() document no 503 and answer", async () => {
    expect(routed.length).toBeGreaterThan(15);
    const restore = setEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/phone_referrals" });
    forgetDatabaseConnection();
    try {
      for (const { path, method } of routed) await expectCode(method, path, {}, 503, "service_unavailable");
      for (const { path, method } of handlers.filter((handler) => !handler.config)) {
        expect(openApiDocument.paths[path][method].responses["503"], path).toBeUndefined();
        expect((await checked(method.toUpperCase(), path)).status, path).toBe(200);
      }
    } finally {
      restore();
      useDatabaseForTests(testDatabase());
    }
  });

  it("every handler for signed-in users answers 401 without credentials or with a bad token, administrators' 403 to others", async () => {
    const { user } = await signedIn();
    const guarded = routed.filter(({ config }) => config.auth === "user" || config.auth === "admin");
    expect(guarded.length).toBeGreaterThan(10);
    for (const { path, method, config } of guarded) {
      await expectCode(method, path, {}, 401, "unauthorized");
      await expectCode(method, path, { token: "not-a-jwt" }, 401, "invalid_token");
      if (config.auth === "admin") await expectCode(method, path, { token: user.accessToken }, 403, "forbidden");
    }
  });

  it("every authenticated handler that changes data answers 403 csrf_rejected to its cookie from another site", async () => {
    const { admin } = await signedIn();
    const changing = routed.filter(({ method, config }) => (config.auth ?? "none") !== "none" && isUnsafeMethod(method));
    expect(changing.length).toBeGreaterThan(8);
    const headers = { cookie: `${ACCESS_COOKIE}=${admin.accessToken}`, "sec-fetch-site": "cross-site" };
    for (const { path, method } of changing) await expectCode(method, path, { headers }, 403, "csrf_rejected");
  });

  it("every handler with a JSON body answers 400 invalid_json and validation_error, 413 and 415", async () => {
    const { admin } = await signedIn();
    const withBody = routed.filter(({ config }) => config.body);
    expect(withBody.length).toBeGreaterThan(8);
    for (const { path, method, config } of withBody) {
      const token = (config.auth ?? "none") === "none" ? undefined : admin.accessToken;
      const json = (body: string) => ({ token, body, headers: { "content-type": "application/json" } });
      await expectCode(method, path, json("{"), 400, "invalid_json");
      await expectCode(method, path, json("[]"), 400, "validation_error");
      await expectCode(method, path, json(`"${"x".repeat(17 * 1024)}"`), 413, "payload_too_large");
      await expectCode(method, path, { token, body: "{}", headers: { "content-type": "text/plain" } }, 415, "unsupported_media_type");
    }
  });

  it("every handler with a query schema answers 400 validation_error to a repeated parameter", async () => {
    const { admin } = await signedIn();
    const withQuery = routed.filter(({ config }) => config.query);
    expect(withQuery.length).toBeGreaterThan(2);
    for (const { path, method, config } of withQuery) {
      const token = (config.auth ?? "none") === "none" ? undefined : admin.accessToken;
      await expectCode(method, `${path}?limit=1&limit=2`, { token }, 400, "validation_error");
    }
  });
});
