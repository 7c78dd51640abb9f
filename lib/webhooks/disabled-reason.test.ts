import { describe, expect, it } from "vitest";
import { DISABLED_AUTOMATICALLY, DISABLED_BY_ADMINISTRATOR, disabledReasonKind } from "./disabled-reason";

describe("disabledReasonKind", () => {
  it("recognises the administrator's reason, and a missing one as the same", () => {
    expect(disabledReasonKind(DISABLED_BY_ADMINISTRATOR)).toBe("administrator");
    expect(disabledReasonKind(null)).toBe("administrator");
  });

  it("recognises the automatic reason by its beginning", () => {
    const written = `${DISABLED_AUTOMATICALLY} every attempt failed for 72 hours (since 2026-03-12 14:05 UTC). Fix the receiver, then enable it again.`;
    expect(disabledReasonKind(written)).toBe("automatic");
  });

  it("leaves any other text as other", () => {
    expect(disabledReasonKind("Moved to a new CRM.")).toBe("other");
  });
});
