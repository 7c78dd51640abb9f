import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppServer, signIn, uniquePhone } from "./support/app-server";
import { Cluster } from "./support/cluster";

interface Answer {
  at: number;
  path: string;
  status: number;
  type: string;
  body: unknown;
}

let cluster: Cluster;
let server: AppServer;

beforeAll(async () => {
  cluster = new Cluster(Number(process.env.FAULTS_PG_PORT ?? 5501));
  cluster.start();
  server = new AppServer(Number(process.env.FAULTS_APP_PORT ?? 3801), cluster.url);
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  cluster?.destroy();
});

/** Requests from `workers` loops until `stop()`: profile reads and whole sign-ins (code, SMS, verify). */
function load(token: string, workers: number) {
  const answers: Answer[] = [];
  const verified = new Set<string>();
  let running = true;
  const record = async (path: string, call: Promise<{ status: number; type: string; body: unknown }>) => {
    try {
      const answer = await call;
      answers.push({ at: Date.now(), path, ...answer });
      return answer;
    } catch (error) {
      answers.push({ at: Date.now(), path, status: 0, type: "", body: String(error) });
      return null;
    }
  };
  const loops = Array.from({ length: workers }, async (_, worker) => {
    while (running) {
      if (worker % 2 === 0) {
        await record("GET /profile", server.request("GET", "/api/v1/profile", { token }));
        continue;
      }
      const phone = uniquePhone();
      const sent = await record("POST /auth/code", server.request("POST", "/api/v1/auth/code", { json: { phone } }));
      if (sent?.status !== 200) continue;
      const outbox = await record("GET /dev/sms", server.request("GET", `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`));
      const code = (outbox?.body as { messages?: { code: string }[] } | null)?.messages?.[0]?.code;
      if (!code) continue;
      const answer = await record("POST /auth/verify", server.request("POST", "/api/v1/auth/verify", { json: { phone, code } }));
      if (answer?.status === 200) verified.add(phone);
    }
  });
  return {
    answers,
    verified,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe("PostgreSQL stopped and restarted under load", () => {
  it("answers 503 problem+json while it is down, keeps running, writes nothing by halves and is back within 5 s", async () => {
    const { accessToken } = await signIn(server, server);
    const traffic = load(accessToken, 6);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    cluster.stop();
    const down = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const restarting = Date.now();
    cluster.start();

    // Back: the first successful profile read after the restart.
    let backAfter = Number.POSITIVE_INFINITY;
    while (Date.now() - restarting < 10_000) {
      const answer = await server.request("GET", "/api/v1/profile", { token: accessToken }).catch(() => null);
      if (answer?.status === 200) {
        backAfter = Date.now() - restarting;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await traffic.stop();

    console.log(`database outage: ${traffic.answers.length} answers, back ${backAfter} ms after the restart`);
    const timeline = new Map<number, string[]>();
    for (const answer of traffic.answers) {
      const second = Math.floor((answer.at - restarting) / 500) / 2;
      timeline.set(second, [...(timeline.get(second) ?? []), answer.status === 200 ? "200" : `${answer.status} ${answer.path}`]);
    }
    console.log([...timeline].map(([second, statuses]) => `${second}s: ${statuses.join(",")}`).join("\n"));
    expect(server.exited, server.output).toBe(false);
    expect(backAfter).toBeLessThan(5000);

    // Never a 5xx other than 503, never a dropped connection, and errors are problem+json.
    const statuses = new Map<string, number>();
    for (const answer of traffic.answers) statuses.set(`${answer.path} ${answer.status}`, (statuses.get(`${answer.path} ${answer.status}`) ?? 0) + 1);
    console.log(Object.fromEntries(statuses));
    for (const answer of traffic.answers) {
      expect([200, 503], JSON.stringify(answer)).toContain(answer.status);
      if (answer.status === 503) {
        expect(answer.type).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({ status: 503, code: "service_unavailable" });
      }
    }
    // Answers that started well after the stop and ended before the restart are all 503.
    const whileDown = traffic.answers.filter((answer) => answer.at > down + 500 && answer.at < restarting);
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.every((answer) => answer.status === 503)).toBe(true);
    expect(traffic.answers.some((answer) => answer.at > restarting && answer.status === 200)).toBe(true);

    // Nothing half-written: every account has the session its sign-in opened in the same transaction, and
    // every sign-in answered 200 has its account.
    const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
    try {
      const [orphans] = await sql<{ count: number }[]>`
        select count(*)::int as count from users u where not exists (select 1 from sessions s where s.user_id = u.id)`;
      expect(orphans?.count).toBe(0);
      const phones = [...traffic.verified];
      const found = phones.length ? await sql<{ phone: string }[]>`select phone from users where phone in ${sql(phones)}` : [];
      expect(found.length).toBe(phones.length);
    } finally {
      await sql.end();
    }
  });
});
