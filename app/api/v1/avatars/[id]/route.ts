import { avatarResponse } from "@/lib/avatars/avatar-response";
import { idParams } from "@/lib/http/id-params";
import { route } from "@/lib/http/route";

/**
 * @openapi
 * /api/v1/avatars/{id}:
 *   get:
 *     operationId: getAvatar
 *     summary: An avatar image
 *     description: >-
 *       The stored 256×256 image. Public, like any profile picture link: ids are random and unguessable.
 *       An avatar never changes under its id (a new upload gets a new URL), so it is served with
 *       `Cache-Control: public, max-age=31536000, immutable` and an `ETag`; `If-None-Match` gets `304`.
 *     parameters:
 *       - { name: id, in: path, required: true, description: "The id from the profile's `avatarUrl`.", schema: { type: string, format: uuid } }
 *     responses:
 *       '200':
 *         description: The image bytes.
 *         headers: { ETag: { schema: { type: string } }, Cache-Control: { schema: { type: string } } }
 *         content: { image/webp: { schema: { type: string, format: binary } } }
 *       '304':
 *         description: The client's copy (named by `If-None-Match`) is current.
 *       '404':
 *         description: "`not_found`: no avatar has this id (or the id is malformed)."
 */
// GET /api/v1/avatars/{id} – the avatar image, cacheable for a year
export const GET = route({ params: idParams, paramsNotFound: "There is no avatar with this id." }, async ({ db, params, request }) =>
  avatarResponse({ db, id: params.id, request }),
);
