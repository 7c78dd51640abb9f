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
 *     tags: [Profile]
 *     security:
 *       - bearerAuth: []
 *       - cookieAuth: []
 *     parameters:
 *       - name: id
 *         in: path
 *         required: true
 *         description: The session's id, as listed by `GET /api/v1/profile/sessions`.
 *         schema:
 *           type: string
 *           format: uuid
 *     responses:
 *       '204':
 *         description: The session has ended.
 *       '401':
 *         description: "`unauthorized` (no credentials), `invalid_token` (expired token, ended session)."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '403':
 *         description: "`csrf_rejected`: a request authenticated by cookie came from another site."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '404':
 *         description: "`not_found`: this account has no live session with this id."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '503':
 *         description: "`service_unavailable`: the database does not answer; retry after `Retry-After` seconds."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 */
export const DELETE = route({ auth: "user" }, async ({ db, auth, params }) => {
  await endSession({ db, userId: auth.user.id, sessionId: params.id ?? "" });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
