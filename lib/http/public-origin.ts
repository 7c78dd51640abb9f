import { env } from "@/lib/config/env";

/**
 * The host people reach the service at: PUBLIC_URL's when set, else the request's own (its Host header, or
 * X-Forwarded-Host behind a trusted proxy), without a port. Used for the WebOTP line of each SMS.
 */
export function publicHostname(request: Request): string {
  const config = env();
  if (config.PUBLIC_URL) return new URL(config.PUBLIC_URL).hostname;
  const forwarded = config.TRUST_PROXY ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || request.headers.get("host");
  if (host) {
    try {
      return new URL(`http://${host}`).hostname;
    } catch {
      // A Host header that is no host: fall back to the URL the server saw.
    }
  }
  return new URL(request.url).hostname;
}
