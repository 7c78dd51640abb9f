import "server-only";
import sharp from "sharp";
import { ApiError } from "@/lib/http/api-error";
import { detectImageType } from "./detect-image-type";
import { AVATAR_CONTENT_TYPE, AVATAR_SIZE, MAX_AVATAR_PIXELS } from "./schemas";

export interface RenderedAvatar {
  data: Buffer;
  contentType: string;
}

const unsupported = (detail: string) => new ApiError("unsupported_media_type", detail);

/**
 * Re-encodes an uploaded image as the square WebP we store: the format is taken from the file's content and
 * confirmed by decoding it; EXIF orientation is applied, then every piece of metadata (EXIF, GPS, ICC, XMP)
 * is dropped by the re-encoding. Only the first frame of an animation is kept.
 */
export async function renderAvatar({ bytes }: { bytes: Uint8Array }): Promise<RenderedAvatar> {
  const type = detectImageType({ bytes });
  if (!type) throw unsupported("The file is not a PNG, JPEG or WebP image.");
  const options = { limitInputPixels: MAX_AVATAR_PIXELS, failOn: "error" } as const;
  let width: number | undefined;
  let height: number | undefined;
  try {
    // The header alone, with no pixel limit: the limit is checked below with a clearer answer.
    const metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
    if (metadata.format !== type) throw new Error(`content is ${metadata.format}, signature says ${type}`);
    ({ width, height } = metadata);
  } catch {
    throw unsupported(`The file looks like ${type.toUpperCase()} but could not be read as an image.`);
  }
  if (!width || !height) throw unsupported("The image has no size.");
  if (width * height > MAX_AVATAR_PIXELS) {
    throw new ApiError("payload_too_large", `The image is ${width}×${height}; at most ${MAX_AVATAR_PIXELS / 1_000_000} megapixels are accepted.`);
  }
  try {
    const data = await sharp(bytes, options)
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover", position: "centre" })
      .webp({ quality: 85 })
      .toBuffer();
    return { data, contentType: AVATAR_CONTENT_TYPE };
  } catch {
    throw unsupported(`The ${type.toUpperCase()} image is damaged and could not be decoded.`);
  }
}
