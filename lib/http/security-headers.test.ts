import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";

interface Header {
  key: string;
  value: string;
}
interface ConfigModule {
  default: NextConfig;
  securityHeaders: (production: boolean) => Header[];
}

const configUrl = pathToFileURL(path.resolve(__dirname, "../../next.config.mjs")).href;
const load = async (): Promise<ConfigModule> => (await import(configUrl)) as ConfigModule;

describe("next.config.mjs security headers", () => {
  it("sends nosniff, a referrer policy, a permissions policy and no framing on every response", async () => {
    const { securityHeaders } = await load();
    expect(securityHeaders(false)).toEqual([
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ]);
  });

  it("adds Strict-Transport-Security in production only", async () => {
    const { securityHeaders } = await load();
    expect(securityHeaders(true)).toContainEqual({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
    expect(securityHeaders(false).map((header) => header.key)).not.toContain("Strict-Transport-Security");
  });

  it("applies them to all paths and a policy that allows nothing to the API and the well-known documents", async () => {
    const { default: config, securityHeaders } = await load();
    const rules = await config.headers?.();
    const nothing = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }];
    expect(rules).toEqual([
      // Vitest runs with NODE_ENV=test.
      { source: "/:path*", headers: securityHeaders(false) },
      { source: "/api/:path*", headers: nothing },
      { source: "/.well-known/:path*", headers: nothing },
    ]);
  });
});
