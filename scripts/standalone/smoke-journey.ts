import { randomInt } from "node:crypto";
import { z } from "zod";
import { waitUntil } from "../../tests/helpers/wait-until-ready";
import type { Reporter } from "./reporter";

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

const codeAnswer = z.object({ phone: z.string(), expiresIn: z.number(), resendIn: z.number(), codeLength: z.number() });
const outbox = z.object({ messages: z.array(z.object({ phone: z.string(), code: z.string(), text: z.string() })) });
const profile = z.looseObject({
  id: z.string(),
  phone: z.string(),
  inviteCode: z.string().regex(/^[A-Z0-9]{6}$/),
  activatedInviteCode: z.string().nullable(),
  invitees: z.object({ total: z.number(), items: z.array(z.looseObject({ phone: z.string() })) }),
});
const tokens = z.object({
  accessToken: z.string().min(20),
  refreshToken: z.string().min(20),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number(),
  isNewUser: z.boolean(),
  profile,
});
const problem = z.looseObject({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.string() });

type Tokens = z.infer<typeof tokens>;

/**
 * The journey a user makes, over HTTP against the running server: health, readiness, the pages' static
 * assets, a code, the code from the simulated outbox, sign-in, profile, invite activation, refresh, logout.
 */
export async function smokeJourney({
  baseUrl,
  reporter,
  activation,
  publicFile,
}: {
  baseUrl: string;
  reporter: Reporter;
  /** A file of public/ as the server should serve it (`/redoc/logo.svg`), or undefined when public/ is empty. */
  publicFile: string | undefined;
  /** false when this build has no activation endpoint yet (the step then says so instead of failing). */
  activation: boolean;
}): Promise<void> {
  const call = async (method: string, pathname: string, options: { json?: unknown; token?: string } = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (options.json !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(new URL(pathname, baseUrl), {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    return { status: response.status, contentType, text, body: contentType.includes("json") && text ? JSON.parse(text) : undefined };
  };
  const expect = <T>(answer: Answer, status: number, schema: z.ZodType<T>): T => {
    if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 300)}`);
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) throw new Error(`unexpected body ${answer.text.slice(0, 300)}: ${parsed.error.message}`);
    return parsed.data;
  };
  const expectProblem = (answer: Answer, status: number, code: string): string => {
    if (!answer.contentType.startsWith("application/problem+json")) throw new Error(`expected problem+json, got ${answer.contentType}: ${answer.text.slice(0, 200)}`);
    const body = expect(answer, status, problem);
    if (body.code !== code) throw new Error(`expected code ${code}, got ${body.code}`);
    return `${status} ${code}`;
  };

  await reporter.check("health: GET /api/health", async () => expect(await call("GET", "/api/health"), 200, z.object({ status: z.literal("ok") })), () => "200");
  await reporter.check("readiness: GET /api/health/ready", async () => expect(await call("GET", "/api/health/ready"), 200, z.object({ status: z.literal("ok") })), () => "200, database answers");
  await reporter.check("pages: GET / and one of its /_next/static assets", async () => {
    const page = await call("GET", "/");
    if (page.status !== 200) throw new Error(`GET / answered ${page.status}`);
    const asset = /\/_next\/static\/[^"'\s)]+\.(?:js|css)/.exec(page.text)?.[0];
    if (!asset) throw new Error("the page references no /_next/static asset");
    const answer = await call("GET", asset);
    if (answer.status !== 200) throw new Error(`${asset} answered ${answer.status}: .next/static is not where server.js serves it from`);
    return asset;
  }, (asset) => `${asset} 200`);
  if (publicFile) {
    await reporter.check(`public: GET ${publicFile}`, async () => {
      const answer = await call("GET", publicFile);
      if (answer.status !== 200) throw new Error(`answered ${answer.status}: public/ is not where server.js serves it from`);
      return answer.status;
    }, () => "200");
  } else {
    reporter.skip("public: a file of public/", "public/ is empty in this build");
  }
  await reporter.check("errors: POST /api/v1/auth/code with a bad phone", async () =>
    expectProblem(await call("POST", "/api/v1/auth/code", { json: { phone: "12" } }), 400, "invalid_phone"),
  (detail) => detail);

  const signIn = async (label: string, phone: string): Promise<Tokens | undefined> => {
    const sent = await reporter.check(`code (${label}): POST /api/v1/auth/code`, async () => {
      const body = expect(await call("POST", "/api/v1/auth/code", { json: { phone } }), 200, codeAnswer);
      if (body.phone !== phone) throw new Error(`answered for ${body.phone}, asked for ${phone}`);
      return body;
    }, (body) => `200, ${body.codeLength} digits, valid ${body.expiresIn} s`);
    if (!sent) return undefined;
    const code = await reporter.check(`outbox (${label}): GET /api/v1/dev/sms`, async () => {
      let code: string | undefined;
      const delivered = async () => {
        const body = expect(await call("GET", `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`), 200, outbox);
        code = body.messages.find((candidate) => candidate.phone === phone)?.code;
        return code !== undefined;
      };
      await waitUntil(delivered, { what: "the simulated SMS for the phone is in the outbox", timeoutMs: 5_000 });
      return code!;
    }, () => "the simulated SMS carries the code");
    if (!code) return undefined;
    return reporter.check(`verify (${label}): POST /api/v1/auth/verify`, async () => {
      const body = expect(await call("POST", "/api/v1/auth/verify", { json: { phone, code } }), 200, tokens);
      if (!body.isNewUser || body.profile.phone !== phone) throw new Error(`expected a new account for ${phone}: ${JSON.stringify(body.profile)}`);
      return body;
    }, (body) => `200, new account, invite code ${body.profile.inviteCode}`);
  };

  const inviter = await signIn("inviter", uniquePhone());
  if (!inviter) return;
  await reporter.check("profile: GET /api/v1/profile", async () => {
    const body = expect(await call("GET", "/api/v1/profile", { token: inviter.accessToken }), 200, profile);
    if (body.id !== inviter.profile.id) throw new Error(`another profile: ${body.id}`);
    return body;
  }, (body) => `200, ${body.phone}`);

  if (activation) {
    const invitee = await signIn("invitee", uniquePhone());
    if (invitee) {
      await reporter.check("activation: POST /api/v1/profile/invite-code", async () => {
        const answer = await call("POST", "/api/v1/profile/invite-code", { json: { code: ` ${inviter.profile.inviteCode.toLowerCase()} ` }, token: invitee.accessToken });
        const body = expect(answer, 200, profile);
        if (body.activatedInviteCode !== inviter.profile.inviteCode) throw new Error(`activatedInviteCode is ${body.activatedInviteCode}`);
        const own = expect(await call("GET", "/api/v1/profile", { token: inviter.accessToken }), 200, profile);
        if (own.invitees.total !== 1 || own.invitees.items[0]?.phone !== invitee.profile.phone) {
          throw new Error(`the inviter's invitees are ${JSON.stringify(own.invitees)}`);
        }
        return body;
      }, () => "200, the inviter lists the invitee");
    }
  } else {
    reporter.skip("activation: POST /api/v1/profile/invite-code", "this build has no app/api/v1/profile/invite-code/route.ts yet (the step runs as soon as it exists)");
  }

  const refreshed = await reporter.check("refresh: POST /api/v1/auth/refresh", async () => {
    const body = expect(await call("POST", "/api/v1/auth/refresh", { json: { refreshToken: inviter.refreshToken } }), 200, tokens);
    if (body.refreshToken === inviter.refreshToken) throw new Error("the refresh token did not rotate");
    return body;
  }, () => "200, a new pair");
  const session = refreshed ?? inviter;
  await reporter.check("logout: POST /api/v1/auth/logout", async () => {
    const answer = await call("POST", "/api/v1/auth/logout", { json: { refreshToken: session.refreshToken }, token: session.accessToken });
    if (answer.status !== 204) throw new Error(`expected 204, got ${answer.status}: ${answer.text.slice(0, 200)}`);
    const after = await call("GET", "/api/v1/profile", { token: session.accessToken });
    if (after.status !== 401) throw new Error(`the access token still works after logout: ${after.status}`);
    return answer;
  }, () => "204, the access token is refused at once");
  await reporter.check("refresh: the first, rotated refresh token is refused", async () =>
    expectProblem(await call("POST", "/api/v1/auth/refresh", { json: { refreshToken: inviter.refreshToken } }), 401, "invalid_token"),
  (detail) => detail);
}

function uniquePhone(): string {
  return `+7999${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
}
