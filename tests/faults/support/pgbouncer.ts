import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { acceptsConnections, waitUntil } from "../../helpers/wait-until-ready";

const BIN = process.env.PGBOUNCER_BIN ?? "/usr/sbin/pgbouncer";

/**
 * A PgBouncer of the test's own (Debian's package, never the system one) in transaction pooling mode in front
 * of a PostgreSQL server, with a config file in a temporary folder. As root it switches to user postgres
 * (PgBouncer refuses to run as root).
 */
export class PgBouncer {
  readonly dir = mkdtempSync(path.join(tmpdir(), "pr-pgbouncer-"));
  private child: ChildProcess | undefined;
  output = "";

  constructor(
    readonly port: number,
    private readonly upstream: { host: string; port: number },
    private readonly poolSize = 20,
  ) {}

  /** The URL of a database behind this PgBouncer. */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const ini = path.join(this.dir, "pgbouncer.ini");
    writeFileSync(path.join(this.dir, "userlist.txt"), '"postgres" ""\n');
    writeFileSync(
      ini,
      [
        "[databases]",
        `* = host=${this.upstream.host} port=${this.upstream.port}`,
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        `listen_port = ${this.port}`,
        `unix_socket_dir = ${this.dir}`,
        "auth_type = trust",
        `auth_file = ${path.join(this.dir, "userlist.txt")}`,
        "pool_mode = transaction",
        `default_pool_size = ${this.poolSize}`,
        "max_client_conn = 500",
        // As in most managed poolers: only this one is ignored; anything else a client sends is refused.
        "ignore_startup_parameters = extra_float_digits",
        "",
      ].join("\n"),
    );
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
      for (const file of [this.dir, ini, path.join(this.dir, "userlist.txt")]) chownSync(file, uid, gid);
    }
    // `-u postgres` rather than runuser, so that signals reach PgBouncer itself.
    const child = spawn(BIN, asRoot ? ["-u", "postgres", ini] : [ini], { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    child.stdout.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    await waitUntil(() => acceptsConnections(this.port), {
      what: "pgbouncer listens",
      timeoutMs: 10_000,
      intervalMs: 100,
      gaveUp: () => (child.exitCode !== null ? `pgbouncer exited (${child.exitCode})` : undefined),
      context: () => this.output,
    });
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      const exit = new Promise((resolve) => this.child?.once("exit", resolve));
      // SIGINT would wait for the clients to go; the app servers are already stopped.
      this.child.kill("SIGTERM");
      await exit;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
