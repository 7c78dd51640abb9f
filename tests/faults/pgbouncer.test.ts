import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppServer, signIn, uniquePhone } from "./support/app-server";
import { Cluster } from "./support/cluster";
import { PgBouncer } from "./support/pgbouncer";

// Two instances, each two workers of the cluster launcher, through one PgBouncer in transaction pooling mode.
let database: Cluster;
let bouncer: PgBouncer;
let servers: AppServer[] = [];

const CONNECTIONS = 64;
const ROUNDS_PER_CONNECTION = 3;

beforeAll(async () => {
  database = new Cluster(Number(process.env.FAULTS_PG_PORT_3 ?? 5503));
  database.start();
  bouncer = new PgBouncer(Number(process.env.FAULTS_PGBOUNCER_PORT ?? 6532), { host: "127.0.0.1", port: database.port });
  await bouncer.start();
  // A closed loop of 64 on two cores: an answer may wait its turn, but must come, and must be right.
  const env = { DATABASE_POOL_MODE: "transaction", DATABASE_POOL_MAX: "10", WEB_CONCURRENCY: "2" };
  servers = [
    new AppServer(Number(process.env.FAULTS_APP_PORT_C ?? 3804), bouncer.url("postgres"), { launcher: true, env, requestTimeoutMs: 60_000 }),
    new AppServer(Number(process.env.FAULTS_APP_PORT_D ?? 3805), bouncer.url("postgres"), { launcher: true, env, requestTimeoutMs: 60_000 }),
  ];
  // At once: both run the migrations through the pooler at start-up.
  await Promise.all(servers.map((server) => server.start()));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await bouncer?.stop();
  database?.destroy();
});

describe("behind PgBouncer in transaction mode", () => {
  // This found two hangs, each in about every other run: the pool pipelined queries and the pooler lost the replies
  // to the second of two (tests/faults/pgbouncer-pipelining.test.ts), and sign-ins inside transactions waited for a
  // signing-key read that needed one more pooled connection (tests/integration/signing-keys.test.ts).
  it(`serves ${CONNECTIONS} connections of sign-ins, profile reads and activations on two instances with no error`, async () => {
    const failures: string[] = [];
    const inviteCodes: string[] = [];
    let requests = 0;
    const expectStatus = (what: string, status: number, allowed: number[], text: string) => {
      requests += 1;
      if (!allowed.includes(status)) failures.push(`${what}: ${status} ${text.slice(0, 200)}`);
    };

    const client = async (index: number) => {
      try {
        await rounds(index);
      } catch (error) {
        failures.push(`client ${index}: ${(error as Error).message}`);
      }
    };
    const rounds = async (index: number) => {
      for (let round = 0; round < ROUNDS_PER_CONNECTION; round++) {
        const server = servers[(index + round) % servers.length]!;
        const other = servers[(index + round + 1) % servers.length]!;
        let session: Awaited<ReturnType<typeof signIn>>;
        try {
          session = await signIn(server, other, uniquePhone());
          requests += 3;
        } catch (error) {
          failures.push(`sign-in: ${(error as Error).message}`);
          continue;
        }
        for (let read = 0; read < 5; read++) {
          const profile = await (read % 2 ? server : other).request("GET", "/api/v1/profile", { token: session.accessToken });
          expectStatus("profile", profile.status, [200], profile.text);
          if (read === 0 && profile.status === 200) inviteCodes.push(profile.body.inviteCode as string);
        }
        const code = inviteCodes[Math.floor(Math.random() * inviteCodes.length)]!;
        const activated = await server.request("POST", "/api/v1/profile/invite-code", { json: { code }, token: session.accessToken });
        // Its own code, or one that would close a loop, are answers of the domain, not errors.
        expectStatus("activation", activated.status, [200, 422], activated.text);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, index) => client(index)));

    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(CONNECTIONS * ROUNDS_PER_CONNECTION * 8);
    for (const server of servers) expect(server.output).not.toMatch(/prepared statement|unsupported startup parameter|Invalid time value/);
  });
});
