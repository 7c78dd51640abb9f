import { adminUser, updateAdminUserBody } from "@/lib/admin/schemas";
import { updateUserFlags } from "@/lib/admin/update-user-flags";
import { idParams } from "@/lib/http/id-params";
import { route } from "@/lib/http/route";

/**
 * @openapi
 * /api/v1/admin/users/{id}:
 *   patch:
 *     operationId: updateAdminUser
 *     summary: Block, unblock, grant or revoke admin
 *     description: >-
 *       Sets `isAdmin` and/or `isBlocked` of an account. Blocking ends every session of the account at once
 *       (its tokens answer 401) and it cannot sign in again (`403 account_blocked`) until unblocked. An
 *       administrator cannot remove their own admin right or block themselves (`409 admin_self_change`), however
 *       the id is written (ids are compared case-insensitively). Administrators only.
 *     parameters:
 *       - { name: id, in: path, required: true, description: "The account's id.", schema: { type: string, format: uuid } }
 *     responses:
 *       '400':
 *         description: "`validation_error`: the id is not a UUID, or the body has unknown or non-boolean fields (listed in `errors`)."
 *       '404':
 *         description: "`not_found`: no account has this id."
 *       '409':
 *         description: "`admin_self_change`: you cannot remove your own admin right or block yourself."
 */
// PATCH /api/v1/admin/users/{id} – block/unblock an account, grant/revoke admin (administrators)
export const PATCH = route({ auth: "admin", body: updateAdminUserBody, params: idParams, response: { description: "The account as it is now.", schema: adminUser } }, async ({ db, auth, body, params }) =>
  updateUserFlags({ db, adminId: auth.user.id, userId: params.id, changes: body }),
);
