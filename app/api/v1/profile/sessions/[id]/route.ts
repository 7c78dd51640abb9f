import { idParams } from "@/lib/http/id-params";
import { route } from "@/lib/http/route";
import { endSession } from "@/lib/sessions/manage-sessions";

// DELETE /api/v1/profile/sessions/{id} – end one session of the signed-in account
/**
 * @openapi
 * /api/v1/profile/sessions/{id}:
 *   delete:
 *     operationId: endSession
 *     summary: End a session
 *     description: |
 *       Ends one live session of the account (the current one too, which signs this client out): its access
 *       tokens are refused at once and its refresh tokens no longer work. A session of another account, one that
 *       has ended, and an id that is not a session id are all `404 not_found`.
 *     parameters:
 *       - { name: id, in: path, required: true, description: "The session's id, as listed by `GET /api/v1/profile/sessions`.", schema: { type: string, format: uuid } }
 *     responses:
 *       '404':
 *         description: "`not_found`: this account has no live session with this id (or the id is malformed)."
 */
export const DELETE = route({ auth: "user", params: idParams, paramsNotFound: "This account has no live session with this id.", response: { status: 204, description: "The session has ended." } }, async ({ db, auth, params }) => {
  await endSession({ db, userId: auth.user.id, sessionId: params.id });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
