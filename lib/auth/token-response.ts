import type { AuthTokens } from "./schemas";
import { setSessionCookies } from "@/lib/sessions/session-cookies";
import { json } from "@/lib/http/route";

/** The sign-in answer: the tokens in the body for API clients, and as httpOnly cookies for the web pages. */
export function tokenResponse(tokens: AuthTokens): Response {
  const headers = new Headers();
  setSessionCookies(headers, tokens);
  return json(tokens, { headers });
}
