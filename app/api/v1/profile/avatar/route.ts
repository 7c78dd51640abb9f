import { countAvatarUpload } from "@/lib/avatars/count-avatar-upload";
import { readAvatarUpload } from "@/lib/avatars/read-avatar-upload";
import { removeAvatar } from "@/lib/avatars/remove-avatar";
import { renderAvatar } from "@/lib/avatars/render-avatar";
import { avatarRenderQueue } from "@/lib/avatars/render-queue";
import { saveAvatar } from "@/lib/avatars/save-avatar";
import { route } from "@/lib/http/route";
import { profile } from "@/lib/users/schemas";

/**
 * @openapi
 * /api/v1/profile/avatar:
 *   put:
 *     operationId: uploadAvatar
 *     summary: Upload an avatar
 *     description: >-
 *       Replaces the avatar with the uploaded image: multipart/form-data with one field `file`, a PNG, JPEG or
 *       WebP image of at most 2 MiB (and at most `AVATAR_MAX_PIXELS` pixels, 16 megapixels by default). The
 *       format is recognised from the file's content, never from its name or declared type. The image is
 *       cropped to a square, resized to 256×256, re-encoded as WebP with all metadata (EXIF, GPS, ICC, XMP)
 *       removed, and stored in the database; the profile's `avatarUrl` points to it. An account may try 10
 *       uploads an hour, whatever their answer; images are decoded one at a time, and when too many wait
 *       their turn the upload is refused with 503.
 *     requestBody:
 *       required: true
 *       content: { multipart/form-data: { schema: { $ref: '#/components/schemas/AvatarUpload' } } }
 *     responses:
 *       '400':
 *         description: "`validation_error`: no `file` field, more than one file, another field (at most 5 are listed), more than 8 parts, or an unreadable multipart body."
 *       '413':
 *         description: "`payload_too_large`: the file is over 2 MiB (refused by Content-Length or while streaming), its image is over `AVATAR_MAX_PIXELS` pixels, or it is a progressive JPEG that takes more than 3 bytes per `AVATAR_MAX_PIXELS` pixel to decode (48 MB by default: 16 MP in 4:2:0 colour)."
 *       '415':
 *         description: "`unsupported_media_type`: the body is not multipart/form-data, or the file is not a readable PNG, JPEG or WebP image."
 *       '429':
 *         description: "`rate_limited`: this account has tried 10 uploads in the last hour; `Retry-After` says when the next is accepted."
 *       '503':
 *         description: "`service_unavailable`: the database does not answer, or too many images are being processed at the moment; try again after `Retry-After` seconds."
 */
// PUT /api/v1/profile/avatar – upload a PNG, JPEG or WebP avatar, stored as a 256 px square WebP
export const PUT = route({ auth: "user", response: { description: "The profile with the new `avatarUrl`.", schema: profile } }, async ({ db, auth, request }) => {
  // Cheap refusals first: a full queue is answered before the body is read, and every try is counted.
  if (avatarRenderQueue.full) throw avatarRenderQueue.busy();
  await countAvatarUpload({ db, userId: auth.user.id });
  const bytes = await readAvatarUpload({ request });
  const image = await renderAvatar({ bytes });
  return saveAvatar({ db, userId: auth.user.id, image });
});

/**
 * @openapi
 * /api/v1/profile/avatar:
 *   delete:
 *     operationId: removeAvatar
 *     summary: Remove the avatar
 *     description: Removes the avatar (if any); its URL answers 404 from then on and `avatarUrl` is null.
 */
// DELETE /api/v1/profile/avatar – remove the avatar
export const DELETE = route({ auth: "user", response: { description: "The profile with `avatarUrl` null.", schema: profile } }, async ({ db, auth }) => removeAvatar({ db, userId: auth.user.id }));
