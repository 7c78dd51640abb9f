import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Relative, as another service would import it: lib/api-client uses no path alias.
import { ApiProblem, createApiClient, unwrap } from "../../lib/api-client";
import { createScratchDatabase, LOCAL_POSTGRES_URL, type ScratchDatabase } from "../helpers/scratch-database";
import { AppServer } from "./support/app-server";

// README "A typed client for TypeScript services": its example, run as written by a project outside this
// repository against a running production server.
const repoRoot = path.resolve(import.meta.dirname, "../..");
const TEST_PHONE = "+79990000000";
const TEST_CODE = "123456";
const run = promisify(execFile);

let database: ScratchDatabase;
let server: AppServer;
let scratch: string;

beforeAll(async () => {
  database = await createScratchDatabase("api_client_faults", { serverUrl: process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES_URL });
  server = new AppServer(Number(process.env.FAULTS_CLIENT_APP_PORT ?? 3834), database.url, {
    // One phone signs in several times here: no resend wait.
    env: { SMS_TEST_NUMBERS: `${TEST_PHONE}=${TEST_CODE}`, OTP_RESEND_SECONDS: "0", OTP_MAX_PER_PHONE_PER_HOUR: "100" },
  });
  await server.start();
  scratch = mkdtempSync(path.join(os.tmpdir(), "api-client-consumer-"));
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The README's `ts` blocks of the example: the module between the markers, and the one that follows it. */
function readmeExample(): { module: string; usage: string } {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf("<!-- integrator-example:start -->");
  const end = readme.indexOf("<!-- integrator-example:end -->");
  expect(start, "README example markers").toBeGreaterThan(0);
  const blocks = [...readme.slice(start).matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => ({ at: start + match.index, code: match[1]! }));
  expect(blocks[0]!.at).toBeLessThan(end);
  return { module: blocks[0]!.code, usage: blocks[1]!.code };
}

/**
 * A project of its own: this repository is its dependency `phone-referrals` (as `npm install ../phone-referrals`
 * links it), plus jose and Node's types. No path aliases, no DOM library.
 */
function writeConsumer(example: { module: string; usage: string }): void {
  const modules = path.join(scratch, "node_modules");
  mkdirSync(path.join(modules, "@types"), { recursive: true });
  symlinkSync(repoRoot, path.join(modules, "phone-referrals"));
  symlinkSync(path.join(repoRoot, "node_modules/jose"), path.join(modules, "jose"));
  symlinkSync(path.join(repoRoot, "node_modules/@types/node"), path.join(modules, "@types/node"));
  writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "partner-service", private: true, type: "module" }));
  writeFileSync(
    path.join(scratch, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noUncheckedIndexedAccess: true,
        target: "ES2022",
        lib: ["ES2023"],
        types: ["node"],
        module: "esnext",
        moduleResolution: "bundler",
        noEmit: true,
        skipLibCheck: true,
      },
      include: ["*.ts"],
    }),
  );
  writeFileSync(path.join(scratch, "referrals.ts"), example.module);
  writeFileSync(path.join(scratch, "main.ts"), example.usage);
}

describe("lib/api-client in another TypeScript service", () => {
  it("type-checks and runs the README example: sign in with a test number, profile, sessions, token verified with the JWKS", async () => {
    writeConsumer(readmeExample());
    // An earlier sign-in of the same phone: the example ends that session as "the other one".
    await server.request("POST", "/api/v1/auth/code", { json: { phone: TEST_PHONE } });
    const earlier = await server.request("POST", "/api/v1/auth/verify", { json: { phone: TEST_PHONE, code: TEST_CODE } });
    expect(earlier.status).toBe(200);
    expect((await server.request("GET", "/api/v1/profile", { token: earlier.body.accessToken })).status).toBe(200);

    const typecheck = await run(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: scratch }).catch((error: { stdout: string }) => error);
    expect(typecheck.stdout).toBe("");

    const { stdout } = await run(process.execPath, ["--import", path.join(repoRoot, "node_modules/tsx/dist/loader.mjs"), "main.ts"], {
      cwd: scratch,
      env: { ...process.env, REFERRALS_URL: server.url },
    });
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^wrong code, \d+ tries left$/);
    expect(lines[1]).toBe("true");
    // The example ended the earlier session: its token is refused at once.
    expect((await server.request("GET", "/api/v1/profile", { token: earlier.body.accessToken })).body.code).toBe("invalid_token");
  });

  it("fails type-checking when the example calls a path or sends a body the API does not have", async () => {
    writeFileSync(
      path.join(scratch, "wrong.ts"),
      [
        'import { createApiClient } from "phone-referrals/lib/api-client";',
        'const api = createApiClient({ baseUrl: "http://localhost:3000" });',
        'await api.GET("/api/v1/profiles");',
        'await api.POST("/api/v1/auth/code", { body: { telephone: "+79990000000" } });',
      ].join("\n"),
    );
    const failed = await run(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: scratch }).then(
      () => ({ stdout: "" }),
      (error: { stdout: string }) => error,
    );
    rmSync(path.join(scratch, "wrong.ts"));
    expect(failed.stdout).toContain("wrong.ts(3,");
    expect(failed.stdout).toContain("wrong.ts(4,");
  });

  it("answers problems as ApiProblem: a refused token, a malformed session id, an unreachable server", async () => {
    const anonymous = createApiClient({ baseUrl: server.url });
    await unwrap(anonymous.POST("/api/v1/auth/code", { body: { phone: TEST_PHONE } }));
    const tokens = await unwrap(anonymous.POST("/api/v1/auth/verify", { body: { phone: TEST_PHONE, code: TEST_CODE } }));
    let current: string | undefined = tokens.accessToken;
    const user = createApiClient({ baseUrl: server.url, accessToken: () => current });

    const { items } = await unwrap(user.GET("/api/v1/profile/sessions"));
    expect(items.find((session) => session.current)?.id).toBeTruthy();
    const malformed = await unwrap(user.DELETE("/api/v1/profile/sessions/{id}", { params: { path: { id: "not-a-session" } } })).catch((error: unknown) => error);
    expect(malformed).toBeInstanceOf(ApiProblem);
    expect(malformed).toMatchObject({ status: 404, code: "not_found" });

    const mine = items.find((session) => session.current)!.id;
    await unwrap(user.DELETE("/api/v1/profile/sessions/{id}", { params: { path: { id: mine } } }));
    const ended = await unwrap(user.GET("/api/v1/profile")).catch((error: unknown) => error);
    expect(ended).toMatchObject({ status: 401, code: "invalid_token", sessionEnded: true });
    current = undefined;
    expect(await unwrap(user.GET("/api/v1/profile")).catch((error: unknown) => error)).toMatchObject({ status: 401, code: "unauthorized" });

    const nowhere = createApiClient({ baseUrl: "http://127.0.0.1:9" });
    expect(await unwrap(nowhere.GET("/api/health")).catch((error: unknown) => error)).toMatchObject({ status: 0, code: "network_error" });
  });
});
