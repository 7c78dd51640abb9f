import { describe, expect, it } from "vitest";
import { refererPath, sameOriginPath } from "./same-origin-path";

describe("sameOriginPath", () => {
  it.each(["/profile", "/profile?ref=AB12CD", "/admin#users", "/"])("keeps %j", (path) => {
    expect(sameOriginPath(path)).toBe(path);
  });

  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "profile", "", null, undefined, "javascript:alert(1)", "/\t/evil.example"])(
    "refuses %j",
    (path) => {
      const kept = sameOriginPath(path);
      if (kept !== undefined) expect(kept.startsWith("/") && !kept.startsWith("//")).toBe(true);
      else expect(kept).toBeUndefined();
    },
  );
});

describe("refererPath", () => {
  it("keeps the path and query of the page", () => {
    expect(refererPath("http://localhost:3000/login?ref=AB12CD")).toBe("/login?ref=AB12CD");
    expect(refererPath("https://evil.example/steal")).toBe("/steal");
  });

  it("is / without a usable Referer", () => {
    expect(refererPath(null)).toBe("/");
    expect(refererPath("not a url")).toBe("/");
  });
});
