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
    const policy = parse(contentSecurityPolicy({ nonce: "abc123==", pathname: "/login", development: false }));
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
    const policy = parse(contentSecurityPolicy({ nonce: "n", pathname: "/", development: true }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
  });

  it("relaxes styles and workers for /redoc only, keeping scripts strict", () => {
    for (const pathname of ["/redoc", "/redoc/"]) {
      const policy = parse(contentSecurityPolicy({ nonce: "n", pathname, development: false }));
      expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy["worker-src"]).toEqual(["'self'", "blob:"]);
      expect(policy["script-src"]).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'"]);
      expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    }
    const other = parse(contentSecurityPolicy({ nonce: "n", pathname: "/redocs", development: false }));
    expect(other["style-src"]).toEqual(["'self'", "'nonce-n'"]);
    expect(other["worker-src"]).toBeUndefined();
  });
});
