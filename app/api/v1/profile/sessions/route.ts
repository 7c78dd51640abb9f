import { route } from "@/lib/http/route";
import { endOtherSessions, listSessions } from "@/lib/sessions/manage-sessions";
import { sessionList } from "@/lib/sessions/schemas";

// GET /api/v1/profile/sessions – the signed-in account's live sessions
/**
 * @openapi
 * /api/v1/profile/sessions:
 *   get:
 *     operationId: listSessions
 *     summary: List sessions
 *     description: |
 *       The account's live sessions (each sign-in is one, renewed by its refresh tokens), the most recently used
 *       first: when it signed in, when it was last used (refreshes, and requests at most once a minute), the
 *       User-Agent it signed in with and its network, coarsened to an IPv4 /24 or an IPv6 /48. `current` marks the
 *       session of this request.
 *   delete:
 *     operationId: endOtherSessions
 *     summary: Sign out other devices
 *     description: |
 *       Ends every live session of the account except the one of this request: their access tokens are refused at
 *       once and their refresh tokens no longer work. Idempotent: `204` also when there was none.
 */
export const GET = route({ auth: "user", response: { description: "The live sessions.", schema: sessionList } }, async ({ db, auth }) =>
  listSessions({ db, userId: auth.user.id, currentSessionId: auth.sessionId }),
);

// DELETE /api/v1/profile/sessions – sign out every other device
export const DELETE = route({ auth: "user", response: { status: 204, description: "Every other session has ended." } }, async ({ db, auth }) => {
  await endOtherSessions({ db, userId: auth.user.id, keepSessionId: auth.sessionId });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
