import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb, getDb, useDatabaseForTests } from "@/db";
import { api } from "../helpers/api";
import { forgetDatabaseConnection } from "../helpers/db";
import { setEnv } from "../helpers/env";
import { uniquePhone } from "../helpers/flows";
import { expectProblem } from "../helpers/problems";
import { createScratchDatabase } from "../helpers/scratch-database";
import { testDatabase } from "../helpers/setup-database";

const UNAVAILABLE = "The database is unavailable. Please try again shortly.";

/** A database the app will connect to by itself from DATABASE_URL (PostgreSQL) or PGLITE_DIR (PGlite). */
async function reachableDatabase(): Promise<{ variables: Record<string, string | undefined>; drop: () => Promise<void> }> {
  if (process.env.TEST_DB === "postgres") {
    const scratch = await createScratchDatabase("phone_referrals_health");
    return { variables: { DATABASE_URL: scratch.url }, drop: scratch.drop };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "health-pglite-"));
  return {
    variables: { DATABASE_URL: undefined, PGLITE_DIR: path.join(dir, "pglite") },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

describe("health", () => {
  it("GET /api/health answers while the process is alive", async () => {
    const health = await api.get("/api/health");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok" });
    expect(health.headers.get("cache-control")).toBe("no-store");
  });

  it("GET /api/health/ready answers 200 when the database answers", async () => {
    const ready = await api.get("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: "ok" });
  });

  it("answers 503 problem+json, quickly, while the database is unreachable, and recovers by itself", async () => {
    const target = await reachableDatabase();
    const restore = setEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/phone_referrals" });
    let restoreTarget: () => void = () => undefined;
    forgetDatabaseConnection();
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const started = performance.now();
        const ready = await api.get("/api/health/ready");
        expect(performance.now() - started).toBeLessThan(4000);
        expectProblem(ready, "service_unavailable", UNAVAILABLE);
        expect(ready.headers.get("retry-after")).toBe("5");
        expectProblem(await api.post("/api/v1/auth/code", { phone: uniquePhone() }), "service_unavailable", UNAVAILABLE);
      }
      expect((await api.get("/api/health")).status).toBe(200);
      await expect(getDb()).rejects.toThrow();

      // The database comes back: the next request connects, migrates and answers, with no restart.
      restoreTarget = setEnv(target.variables);
      const ready = await api.get("/api/health/ready");
      expect(ready.status, ready.text).toBe(200);
      expect((await api.post("/api/v1/auth/code", { phone: uniquePhone() })).status).toBe(200);
    } finally {
      await closeDb();
      restoreTarget();
      restore();
      useDatabaseForTests(testDatabase());
      await target.drop();
    }
  });

  it.runIf(process.env.TEST_DB === "postgres")("answers 503 while the server answers but the database is missing", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = "/phone_referrals_does_not_exist";
    const restore = setEnv({ DATABASE_URL: url.toString() });
    forgetDatabaseConnection();
    try {
      expectProblem(await api.get("/api/health/ready"), "service_unavailable", UNAVAILABLE);
    } finally {
      forgetDatabaseConnection();
      restore();
      useDatabaseForTests(testDatabase());
    }
  });
});
