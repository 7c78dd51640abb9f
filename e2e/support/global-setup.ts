import { BASE_URL } from "./settings";

/** The administrator of this run's database. */
export const ADMIN_PHONE = "+79990000001";

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${BASE_URL}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/**
 * The first account of a database is its administrator: it is created here, after the web server is up and
 * before any spec runs, so that no spec's account becomes one by accident. Its access token goes to the
 * workers through the environment (E2E_ADMIN_TOKEN); the run is far shorter than the token's 15 minutes.
 */
export default async function globalSetup(): Promise<void> {
  const sent = await post("/api/v1/auth/code", { phone: ADMIN_PHONE });
  if (sent.status !== 200) throw new Error(`Could not request the administrator's code: ${sent.status}`);
  const outbox = (await (await fetch(`${BASE_URL}/api/v1/dev/sms?phone=${encodeURIComponent(ADMIN_PHONE)}`)).json()) as {
    messages: { code: string }[];
  };
  const verified = await post("/api/v1/auth/verify", { phone: ADMIN_PHONE, code: outbox.messages[0]?.code });
  const body = (await verified.json()) as { accessToken?: string; profile?: { isAdmin?: boolean } };
  if (verified.status !== 200 || !body.accessToken || body.profile?.isAdmin !== true) {
    throw new Error(`The first account of the run is not an administrator: ${verified.status} ${JSON.stringify(body.profile)}`);
  }
  process.env.E2E_ADMIN_TOKEN = body.accessToken;
}
