import { z } from "zod";

export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;
/** Side of the square every avatar is stored as, in pixels. */
export const AVATAR_SIZE = 256;
/** Decoding a small file can still need a lot of memory: larger images are refused before they are decoded. */
export const MAX_AVATAR_PIXELS = 40_000_000;
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
