import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { setLoggerForTests } from "@/lib/log/logger";
import { startServer } from "./start-server";

const mocks = vi.hoisted(() => ({
  getDb: vi.fn(),
  closeDb: vi.fn(),
  installPeerAddressHook: vi.fn(),
  installGracefulShutdown: vi.fn(),
  startWebhookWorker: vi.fn(),
  stopWebhookWorker: vi.fn(),
  signingKeySet: vi.fn(),
  refreshSigningKeys: vi.fn(),
}));
vi.mock("@/db", () => ({ getDb: mocks.getDb, closeDb: mocks.closeDb }));
vi.mock("@/lib/http/peer-address-hook", () => ({ installPeerAddressHook: mocks.installPeerAddressHook }));
vi.mock("@/lib/webhooks/start-webhook-worker", () => ({ startWebhookWorker: mocks.startWebhookWorker }));
vi.mock("@/lib/signing-keys/signing-keys", () => ({ KEY_CACHE_SECONDS: 60, refreshSigningKeys: mocks.refreshSigningKeys, signingKeySet: mocks.signingKeySet }));
vi.mock("./graceful-shutdown", () => ({ installGracefulShutdown: mocks.installGracefulShutdown }));

const variables = process.env as Record<string, string | undefined>;
let lines: { msg: string; level: number; sms?: string }[] = [];

beforeEach(() => {
  lines = [];
  mocks.startWebhookWorker.mockReturnValue(mocks.stopWebhookWorker);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  setLoggerForTests(pino({ level: "info" }, stream));
});

afterEach(() => {
  setLoggerForTests(undefined);
  for (const name of ["JWT_SECRET", "SMS_PROVIDER"]) delete variables[name];
  variables.NODE_ENV = "test";
  resetEnvCache();
  vi.restoreAllMocks();
  mocks.getDb.mockReset();
  mocks.installPeerAddressHook.mockReset();
  mocks.installGracefulShutdown.mockReset();
  mocks.startWebhookWorker.mockReset();
  mocks.stopWebhookWorker.mockReset();
  mocks.closeDb.mockReset();
  mocks.signingKeySet.mockReset();
});

describe("startServer", () => {
  it("installs the peer address hook and applies migrations", async () => {
    const db = {};
    mocks.getDb.mockResolvedValue(db);
    await startServer();
    expect(mocks.signingKeySet).toHaveBeenCalledWith({ db });
    expect(mocks.installPeerAddressHook).toHaveBeenCalledOnce();
    expect(mocks.startWebhookWorker).toHaveBeenCalledOnce();
    expect(mocks.installGracefulShutdown).toHaveBeenCalledWith({ timeoutSeconds: 30, close: expect.any(Function) });
    // On shutdown the webhook worker stops (its attempts in flight end) before the pool closes.
    const order: string[] = [];
    mocks.stopWebhookWorker.mockImplementation(() => order.push("worker"));
    mocks.closeDb.mockImplementation(() => order.push("database"));
    const [{ close }] = mocks.installGracefulShutdown.mock.calls[0] as [{ close: () => Promise<void> }];
    await close();
    expect(order).toEqual(["worker", "database"]);
    expect(mocks.getDb).toHaveBeenCalledOnce();
    expect(lines.map((line) => line.msg), JSON.stringify(lines)).toEqual(["starting", "database ready, migrations applied, signing keys read"]);
    expect(lines[0]).toMatchObject({ sms: "simulated" });
  });

  it("keeps running when the database is down at start-up", async () => {
    mocks.getDb.mockRejectedValue(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    await startServer();
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [30, "starting"],
      [50, "database not ready at start-up; requests will retry"],
    ]);
  });

  it("in development, returns before the database is ready so that the first page compiles meanwhile", async () => {
    Object.assign(variables, { NODE_ENV: "development", JWT_SECRET: "d".repeat(32) });
    resetEnvCache();
    let finishMigrations: (db: object) => void = () => undefined;
    mocks.getDb.mockReturnValue(new Promise((resolve) => (finishMigrations = resolve)));
    await startServer();
    expect(mocks.getDb).toHaveBeenCalledOnce();
    expect(lines.map((line) => line.msg)).toEqual(["starting"]);
    finishMigrations({});
    await vi.waitFor(() => expect(lines.map((line) => line.msg)).toEqual(["starting", "database ready, migrations applied, signing keys read"]));
  });

  it("refuses to start in production without a JWT_SECRET, naming it", async () => {
    Object.assign(variables, { NODE_ENV: "production", SMS_PROVIDER: "smsaero" });
    resetEnvCache();
    const exit = vi.spyOn(process, "exit").mockImplementation(() => {
      throw new Error("exited");
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(startServer()).rejects.toThrow("exited");
    expect(mocks.getDb).not.toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith(1);
    const message = String(error.mock.calls[0]?.[0]);
    expect(message).toContain("[phone-referrals] Invalid configuration:");
    expect(message).toContain("JWT_SECRET: JWT_SECRET must be set to at least 32 characters in production");
    expect(message).toContain("SMSAERO_EMAIL: SMSAERO_EMAIL is required when SMS_PROVIDER=smsaero");
  });
});
