import { ApiError } from "@/lib/http/api-error";
import { readBodyBytes } from "@/lib/http/read-body";
import { MAX_AVATAR_BYTES } from "./schemas";

// Room for the multipart boundaries and part headers around a file of the maximum size.
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

const tooLarge = () => new ApiError("payload_too_large", `The avatar must be at most ${MAX_AVATAR_BYTES / 1024 / 1024} MiB.`);

/**
 * The bytes of the `file` field of a multipart/form-data upload. An oversized upload is refused by its
 * Content-Length, or while it streams in, before it is all in memory.
 */
export async function readAvatarUpload({ request }: { request: Request }): Promise<Uint8Array> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", "Upload the image as multipart/form-data with the field \"file\".");
  }
  let body: Uint8Array;
  try {
    body = await readBodyBytes(request, MAX_AVATAR_BYTES + MULTIPART_OVERHEAD_BYTES);
  } catch (error) {
    if (error instanceof ApiError && error.code === "payload_too_large") throw tooLarge();
    // A client that breaks off its upload is not a server failure.
    throw new ApiError("validation_error", "The upload could not be read to the end.", { cause: error });
  }
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new ApiError("validation_error", "The multipart/form-data body could not be read.");
  }
  const unknown = [...new Set(form.keys())].filter((name) => name !== "file");
  const files = form.getAll("file");
  const file = files[0];
  if (unknown.length > 0 || files.length !== 1 || !(file instanceof Blob)) {
    throw new ApiError("validation_error", "Send exactly one file, in the field \"file\".", {
      errors: [
        ...(files.length !== 1 || !(file instanceof Blob) ? [{ path: "file", message: "Exactly one file is required." }] : []),
        ...unknown.map((name) => ({ path: name, message: "Unknown field." })),
      ],
    });
  }
  if (file.size > MAX_AVATAR_BYTES) throw tooLarge();
  return new Uint8Array(await file.arrayBuffer());
}
