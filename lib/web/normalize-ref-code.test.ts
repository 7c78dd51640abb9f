import { describe, expect, it } from "vitest";
import { normalizeRefCode } from "./normalize-ref-code";

describe("normalizeRefCode", () => {
  it.each([
    [" k7m2qx ", "K7M2QX"],
    ["abcdes", "ABCDES"],
    ["K7M2QX", "K7M2QX"],
  ])("%o → %o", (input, expected) => {
    expect(normalizeRefCode(input)).toBe(expected);
  });

  // Each of these turns into 6 ASCII letters and digits when upper-cased (ſ → S, ı → I, ß → SS, ﬀ → FF,
  // ﬁ → FI, ŉ → ʼN): the check must come first.
  it.each([["ABCDEſ"], ["ıBCDEF"], ["ABCDß"], ["ABCDﬀ"], ["ﬁABCD"], ["AB\u212ADEF"], ["ABCDEF\u0307"], ["ＡBCDEF"]])(
    "refuses %o, which is not ASCII",
    (input) => {
      expect(normalizeRefCode(input)).toBeUndefined();
    },
  );
});
