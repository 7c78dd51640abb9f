// The scenarios of `npm run bench` against the app (autocannon runs and the 1,000-request bursts) and the
// same profile load against the bare node:http + postgres.js handler.
import { burst } from "./burst";
import { ACTIVATIONS_SATURATING, type Fixtures } from "./fixtures";
import { type LoadResult, runLoad } from "./load";

export const SATURATING = 64;
export const CODE_REQUESTS = 1_000;

interface Target {
  /** The server's process, whose memory is sampled. */
  pid: number;
  port: number;
  fixtures: Fixtures;
  /** Seconds per autocannon run. */
  duration: number;
  log: (line: string) => void;
}

export async function appScenarios({ pid, port, fixtures, duration, log }: Target): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  const base = `http://127.0.0.1:${port}`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const anyProfileUser = () => ({ headers: bearer(pick(fixtures.profileTokens)) });
  const load = (options: Omit<Parameters<typeof runLoad>[0], "serverPid" | "expectStatus" | "url"> & { path: string }) =>
    runLoad({ duration, expectStatus: 200, serverPid: pid, url: `${base}${options.path}`, ...options });
  const activations = (tokens: string[]) => {
    let next = 0;
    return () => {
      const index = next++;
      return {
        headers: { ...bearer(tokens[index % tokens.length]!), "content-type": "application/json" },
        body: JSON.stringify({ code: fixtures.chainEndCodes[index % fixtures.chainEndCodes.length] }),
      };
    };
  };
  const deepPage = `/api/v1/profile/invitees?limit=50&cursor=${fixtures.deepCursor}`;

  log("warming up");
  await load({ name: "warm-up", path: "/api/v1/profile", connections: SATURATING, duration: 3, request: anyProfileUser });
  results.push(await load({ name: "GET /api/health (no work: the framework's floor)", path: "/api/health", connections: SATURATING, request: () => ({ headers: {} }) }));
  results.push(await load({ name: "GET /api/v1/profile", path: "/api/v1/profile", connections: SATURATING, request: anyProfileUser }));
  results.push(await load({ name: "GET /api/v1/profile", path: "/api/v1/profile", connections: 1, request: anyProfileUser }));
  const ownerDeepPage = () => ({ headers: bearer(fixtures.ownerToken), path: deepPage });
  results.push(await load({ name: "GET /api/v1/profile/invitees, page after #90,000 of 100,000", path: deepPage, connections: SATURATING, request: ownerDeepPage }));
  results.push(await load({ name: "GET /api/v1/profile/invitees, page after #90,000 of 100,000", path: deepPage, connections: 1, request: ownerDeepPage }));
  const [saturating, oneByOne] = [fixtures.newAccountTokens.slice(0, ACTIVATIONS_SATURATING), fixtures.newAccountTokens.slice(ACTIVATIONS_SATURATING)];
  const activate = { path: "/api/v1/profile/invite-code", method: "POST" as const };
  results.push(await load({ ...activate, name: "POST /api/v1/profile/invite-code, new accounts", connections: SATURATING, amount: saturating.length, request: activations(saturating) }));
  results.push(await load({ ...activate, name: "POST /api/v1/profile/invite-code, new accounts", connections: 1, amount: oneByOne.length, request: activations(oneByOne) }));
  results.push(
    await load({
      ...activate,
      name: "POST /api/v1/profile/invite-code, accounts with invitees: 1,000-step loop check",
      connections: 1,
      amount: fixtures.inviterTokens.length,
      request: activations(fixtures.inviterTokens),
    }),
  );
  results.push(await load({ name: "GET /api/v1/admin/stats", path: "/api/v1/admin/stats", connections: 4, request: () => ({ headers: bearer(fixtures.ownerToken) }) }));
  log(`${CODE_REQUESTS.toLocaleString("en")} requests at once, twice`);
  const inSeconds = (wallMs: number) => `all answered ${(wallMs / 1000).toFixed(2)} s after the first was sent`;
  const floor = await burst({ name: "GET /api/health ×1,000 at once (the framework's floor)", port, serverPid: pid, count: CODE_REQUESTS, method: "GET", path: "/api/health" });
  results.push({ ...floor, note: inSeconds(floor.wallMs) });
  const codes = await burst({
    name: "POST /api/v1/auth/code ×1,000 at once, SMS delay 1–2 s",
    port,
    serverPid: pid,
    count: CODE_REQUESTS,
    method: "POST",
    path: "/api/v1/auth/code",
    body: (index) => ({ phone: `+7901${String(index).padStart(7, "0")}` }),
  });
  results.push({ ...codes, note: inSeconds(codes.wallMs) });
  return results;
}

/** The profile's load against bench/bare-profile-server.ts: the practical limit. */
export async function bareScenario({ pid, port, fixtures, duration }: Omit<Target, "log">): Promise<LoadResult> {
  const url = `http://127.0.0.1:${port}/`;
  const anyProfileUser = () => ({ headers: { authorization: `Bearer ${pick(fixtures.profileTokens)}` } });
  await runLoad({ name: "warm-up", url, connections: SATURATING, duration: 3, request: anyProfileUser, expectStatus: 200, serverPid: pid });
  return runLoad({ name: "bare node:http + postgres.js, the profile's queries", url, connections: SATURATING, duration, request: anyProfileUser, expectStatus: 200, serverPid: pid });
}

function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}
