import http from "node:http";
import https from "node:https";
import { resolveWebhookTarget, WebhookTargetRefused } from "./webhook-target";

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The start of the answer's body. */
  response: string | null;
}

const RESPONSE_KEPT_BYTES = 1024;

interface SendWebhookInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

/**
 * One attempt: the target is checked and resolved again now, the connection goes to exactly the address that
 * passed the check (the Host header and TLS name stay the URL's), redirects are answers like any other non-2xx,
 * and the whole attempt (resolution included) ends after `timeoutMs`. Never throws.
 */
export async function sendWebhook({ url, headers, body, timeoutMs, allowPrivate }: SendWebhookInput): Promise<AttemptResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const target = await Promise.race([
      resolveWebhookTarget({ url, allowPrivate }),
      new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(new Error("aborted")))),
    ]);
    return await post({ target, headers, body, signal: controller.signal });
  } catch (error) {
    if (error instanceof WebhookTargetRefused) return failure(`Not sent: ${error.message}`);
    if (controller.signal.aborted) return failure(`No answer within ${timeoutMs} ms.`);
    return failure(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

function failure(error: string): AttemptResult {
  return { ok: false, statusCode: null, error, response: null };
}

function post({
  target,
  headers,
  body,
  signal,
}: {
  target: Awaited<ReturnType<typeof resolveWebhookTarget>>;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}): Promise<AttemptResult> {
  const { url, address, family } = target;
  const secure = url.protocol === "https:";
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request({
      host: address,
      family,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: "POST",
      // TLS checks the certificate against the URL's host, not the address.
      servername: secure && hostname !== address ? hostname : undefined,
      agent: false,
      signal,
      headers: {
        ...headers,
        host: url.host,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body).toString(),
        "user-agent": "phone-referrals-webhooks/1",
      },
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on("data", (chunk: Buffer) => {
        if (kept < RESPONSE_KEPT_BYTES) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      response.on("error", reject);
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).subarray(0, RESPONSE_KEPT_BYTES).toString("utf8");
        const ok = status >= 200 && status < 300;
        resolve({ ok, statusCode: status, error: ok ? null : `HTTP ${status}${status >= 300 && status < 400 ? " (redirects are not followed)" : ""}`, response: text || null });
      });
    });
    request.end(body);
  });
}
