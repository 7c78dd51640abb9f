import "server-only";
import sharp from "sharp";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { detectImageType } from "./detect-image-type";
import { jpegDecodeBuffer } from "./jpeg-decode-buffer";
import { avatarRenderQueue } from "./render-queue";
import { AVATAR_CONTENT_TYPE, AVATAR_SIZE } from "./schemas";

// No cache of decoded images (each upload is decoded once) and one libvips thread per image: memory stays
// the size of the image being rendered, and the avatar queue decides how many are rendered at once.
sharp.cache(false);
sharp.concurrency(1);

export interface RenderedAvatar {
  data: Buffer;
  contentType: string;
}

const unsupported = (detail: string) => new ApiError("unsupported_media_type", detail);

/** 16000000 → "16", 2500000 → "2.5". */
function megapixels(pixels: number): string {
  return String(Number((pixels / 1_000_000).toPrecision(3)));
}

/**
 * A progressive JPEG (or one whose first scan lacks a component) is held whole as DCT coefficients while
 * it decodes, 2 bytes a sample: allowed up to AVATAR_MAX_PIXELS with 4:2:0 colour (1.5 samples a pixel),
 * 48 MB by default. glibc keeps such a buffer per libuv thread afterwards, so this bounds the process too.
 */
function checkJpegDecodeBuffer({ bytes, width, height, maxPixels }: { bytes: Uint8Array; width: number; height: number; maxPixels: number }): void {
  const buffer = jpegDecodeBuffer({ bytes });
  if (!buffer) throw unsupported("The file looks like JPEG but could not be read as an image.");
  const maxBytes = maxPixels * 3;
  if (buffer.wholeImage && buffer.bytes > maxBytes) {
    const mb = (value: number) => Math.ceil(value / 1_000_000);
    throw new ApiError(
      "payload_too_large",
      `The image is a progressive JPEG of ${width}×${height}, which takes ${mb(buffer.bytes)} MB to decode; at most ${mb(maxBytes)} MB are accepted. ` +
        "Save it as a baseline JPEG, or smaller.",
    );
  }
}

/**
 * Re-encodes an uploaded image as the square WebP we store: the format is taken from the file's content and
 * confirmed by decoding it; EXIF orientation is applied, then every piece of metadata (EXIF, GPS, ICC, XMP)
 * is dropped by the re-encoding. Only the first frame of an animation is kept. Images over AVATAR_MAX_PIXELS
 * are refused from their header, and the decoding waits for its turn in the avatar queue.
 */
export async function renderAvatar({ bytes }: { bytes: Uint8Array }): Promise<RenderedAvatar> {
  const maxPixels = env().AVATAR_MAX_PIXELS;
  const type = detectImageType({ bytes });
  if (!type) throw unsupported("The file is not a PNG, JPEG or WebP image.");
  const options = { limitInputPixels: maxPixels, failOn: "error" } as const;
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
  if (width * height > maxPixels) {
    throw new ApiError("payload_too_large", `The image is ${width}×${height}; at most ${megapixels(maxPixels)} megapixels are accepted.`);
  }
  if (type === "jpeg") checkJpegDecodeBuffer({ bytes, width, height, maxPixels });
  const data = await avatarRenderQueue.run({
    task: async () => {
      try {
        // Resizing straight from the file lets JPEG and WebP decode at a fraction of their size (shrink-on-load).
        return await sharp(bytes, options)
          .rotate()
          .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover", position: "centre", fastShrinkOnLoad: true })
          .webp({ quality: 85 })
          .toBuffer();
      } catch {
        throw unsupported(`The ${type.toUpperCase()} image is damaged and could not be decoded.`);
      }
    },
  });
  return { data, contentType: AVATAR_CONTENT_TYPE };
}
