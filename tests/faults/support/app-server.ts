import { type ChildProcess, spawn } from "node:child_process";
import { waitForHttp } from "../../helpers/wait-until-ready";

export interface AppServerOptions {
  /** Start through the cluster launcher (`npm start`: lib/server/cluster.mjs) instead of a bare `next start`. */
  launcher?: boolean;
  env?: Record<string, string>;
  /** How long `request` waits for an answer (default 10 s). */
  requestTimeoutMs?: number;
}

/** `next start` of the production build (run `npm run build` first) on a database. */
export class AppServer {
  readonly url: string;
  private child: ChildProcess | undefined;
  output = "";

  constructor(
    readonly port: number,
    private readonly databaseUrl: string,
    private readonly options: AppServerOptions = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): boolean {
    return this.child?.exitCode !== null || this.child.signalCode !== null;
  }

  async start(): Promise<void> {
    const [command, args] = this.options.launcher
      ? ["node", ["lib/server/cluster.mjs", "next", "-p", String(this.port), "-H", "127.0.0.1"]]
      : ["node_modules/.bin/next", ["start", "-p", String(this.port), "-H", "127.0.0.1"]];
    this.child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: this.databaseUrl,
        JWT_SECRET: "faults-only-secret-0123456789abcdefghijklmnopqrstuv",
        SMS_PROVIDER: "simulated",
        DEMO_MODE: "true",
        SMS_SIMULATED_DELAY_MS: "0",
        OTP_MAX_PER_IP_PER_HOUR: "100000",
        SMS_MAX_PER_HOUR: "100000",
        LOG_LEVEL: "warn",
        ...this.options.env,
      },
    });
    this.child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    await waitForHttp(`${this.url}/api/health/ready`, {
      what: "next start answers /api/health/ready",
      timeoutMs: 60_000,
      gaveUp: () => (this.exited ? "next start exited" : undefined),
      context: () => this.output,
    });
  }

  /** SIGTERM, and the exit code (or signal) once the process has ended. */
  async stop(): Promise<number | string | null> {
    if (!this.child || this.exited) return this.child?.exitCode ?? null;
    const exit = new Promise<number | string | null>((resolve) => this.child?.once("exit", (code, signal) => resolve(code ?? signal)));
    this.child.kill("SIGTERM");
    // A server stuck on dead database connections may not finish its graceful shutdown.
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), 10_000);
    const result = await exit;
    clearTimeout(timer);
    return result;
  }

  async request(method: string, path: string, options: { json?: unknown; token?: string; timeoutMs?: number } = {}) {
    const headers: Record<string, string> = {};
    if (options.json !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const started = Date.now();
    const requestId = crypto.randomUUID();
    headers["x-request-id"] = requestId;
    try {
      const response = await fetch(`${this.url}${path}`, {
        method,
        headers,
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.options.requestTimeoutMs ?? 10_000),
      });
      const text = await response.text();
      return { status: response.status, type: response.headers.get("content-type") ?? "", text, body: text ? (JSON.parse(text)) : null };
    } catch (error) {
      // Which request, on which server, since when: a timeout alone does not say where the time went.
      const at = new Date(started).toISOString().slice(11, 23);
      throw new Error(`${method} ${path} on :${this.port} (request ${requestId}, sent ${at}, ${Date.now() - started} ms): ${(error as Error).message}`, { cause: error });
    }
  }
}

let counter = 0;
export function uniquePhone(): string {
  counter += 1;
  return `+7999${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}${String(counter).padStart(3, "0")}`;
}

/** Code request on one server, the SMS read and the verify on another (or the same). */
export async function signIn(codeOn: AppServer, verifyOn: AppServer, phone = uniquePhone()) {
  const sent = await codeOn.request("POST", "/api/v1/auth/code", { json: { phone } });
  if (sent.status !== 200) throw new Error(`code request: ${sent.status} ${sent.text}`);
  const outbox = await verifyOn.request("GET", `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
  const code = outbox.body?.messages?.[0]?.code as string | undefined;
  if (!code) throw new Error(`no SMS for ${phone}: ${outbox.text}`);
  const verified = await verifyOn.request("POST", "/api/v1/auth/verify", { json: { phone, code } });
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${verified.text}`);
  return { phone, accessToken: verified.body.accessToken as string, refreshToken: verified.body.refreshToken as string };
}
