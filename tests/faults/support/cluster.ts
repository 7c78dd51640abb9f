import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** A throwaway PostgreSQL cluster in a temporary folder; root cannot run postgres, so it runs as user postgres. */
export class Cluster {
  readonly dir = mkdtempSync(path.join(tmpdir(), "pr-faults-pg-"));
  readonly url: string;

  constructor(readonly port: number) {
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
      chownSync(this.dir, uid, gid);
      chmodSync(this.dir, 0o700);
    }
    this.run("initdb", ["-D", this.data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  }

  private get data(): string {
    return path.join(this.dir, "data");
  }

  private run(tool: string, args: string[]): void {
    const command = path.join(BIN, tool);
    if (process.getuid?.() === 0) execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
    else execFileSync(command, args, { stdio: "pipe" });
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.run("pg_ctl", ["-D", this.data, "-o", options, "-l", path.join(this.dir, "log"), "-w", "start"]);
  }

  /** Fast shutdown: open connections are terminated, as when the database server goes away. */
  stop(): void {
    this.run("pg_ctl", ["-D", this.data, "-m", "fast", "-w", "stop"]);
  }

  destroy(): void {
    try {
      this.run("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
