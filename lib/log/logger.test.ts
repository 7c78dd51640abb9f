import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { logger, setLoggerForTests } from "./logger";

afterEach(() => {
  setLoggerForTests(undefined);
  delete process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "silent";
  resetEnvCache();
  vi.restoreAllMocks();
});

describe("logger", () => {
  it("writes JSON lines and redacts codes and tokens passed by name", () => {
    process.env.LOG_LEVEL = "info";
    resetEnvCache();
    setLoggerForTests(undefined);
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(chunk.toString());
      return true;
    });
    const log = logger();
    expect(logger()).toBe(log);
    log.info(
      { code: "1234", accessToken: "a.b.c", refreshToken: "refresh-one", token: "token-one", input: { code: "5678", refreshToken: "refresh-two" }, headers: { authorization: "Bearer x", cookie: "pr_access=y" } },
      "redaction check",
    );
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 30, service: "phone-referrals", msg: "redaction check", code: "[redacted]", accessToken: "[redacted]" });
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const secret of ["1234", "5678", "a.b.c", "refresh-one", "refresh-two", "token-one", "Bearer x", "pr_access=y"]) expect(lines[0]).not.toContain(secret);
  });
});
