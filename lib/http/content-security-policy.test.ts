import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./content-security-policy";

function parse(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split("; ").map((directive) => {
      const [name = "", ...sources] = directive.split(" ");
      return [name, sources];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  it("allows scripts only from the origin and with the request's nonce, never inline or eval in production", () => {
    const policy = parse(contentSecurityPolicy({ nonce: "abc123==", development: false }));
    expect(policy).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "'nonce-abc123=='", "'strict-dynamic'"],
      "style-src": ["'self'", "'nonce-abc123=='"],
      "img-src": ["'self'", "blob:", "data:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("adds 'unsafe-eval' in development only", () => {
    const policy = parse(contentSecurityPolicy({ nonce: "n", development: true }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
  });

  it("lets the development overlay's inline styles through in development only, without a nonce that would void it", () => {
    expect(parse(contentSecurityPolicy({ nonce: "n", development: true }))["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(parse(contentSecurityPolicy({ nonce: "n", development: false }))["style-src"]).not.toContain("'unsafe-inline'");
  });
});
