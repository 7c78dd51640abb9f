import { z } from "zod";

export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;
/** Side of the square every avatar is stored as, in pixels. */
export const AVATAR_SIZE = 256;
/** Uploads an account may try in an hour, whatever their answer: each can cost a decode. */
export const AVATAR_UPLOADS_PER_HOUR = 10;
export const AVATAR_CONTENT_TYPE = "image/webp";

export const avatarUpload = z
  .object({
    file: z
      .file()
      .describe(
        "A PNG, JPEG or WebP image of at most 2 MiB, recognised by its content (the file name and declared type are ignored). " +
          "It is stored as a 256×256 WebP, cropped to a square, with its metadata removed.",
      ),
  })
  .meta({ id: "AvatarUpload" });
