import { ApiError, type FieldError } from "@/lib/errors/api-error";
import { readBodyBytes } from "@/lib/http/read-body";
import { MAX_AVATAR_BYTES } from "./schemas";

// Room for the multipart boundaries and part headers around a file of the maximum size.
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
/** One part is all an upload needs; a few more get named in the answer, many more are refused unread. */
const MAX_PARTS = 8;
const MAX_LISTED_UNKNOWN_FIELDS = 5;
// RFC 2046 bchars: 1 to 70 of them.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/;

const tooLarge = () => new ApiError("payload_too_large", `The avatar must be at most ${MAX_AVATAR_BYTES / 1024 / 1024} MiB.`);
const unreadable = () => new ApiError("validation_error", "The multipart/form-data body could not be read.");

/** The first `boundary` parameter of a multipart Content-Type, unquoted, if it is a valid one. */
function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"\\]*)"|([^;\s"]*))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  return boundary !== undefined && BOUNDARY.test(boundary) ? boundary : undefined;
}

/** Whether the body holds more than `limit` parts: every part ends at CRLF "--" boundary. Stops counting past the limit. */
function hasMoreParts(body: Uint8Array, boundary: string, limit: number): boolean {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
  let parts = 0;
  for (let at = bytes.indexOf(delimiter); at !== -1; at = bytes.indexOf(delimiter, at + delimiter.length)) {
    parts += 1;
    if (parts > limit) return true;
  }
  return false;
}

/**
 * The bytes of the `file` field of a multipart/form-data upload. An oversized upload is refused by its
 * Content-Length, or while it streams in, before it is all in memory; a body of many parts is refused
 * before it is parsed.
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
  const boundary = boundaryOf(contentType);
  if (!boundary) throw unreadable();
  if (hasMoreParts(body, boundary, MAX_PARTS)) {
    throw new ApiError("validation_error", `The body has more than ${MAX_PARTS} parts: send one part, the field "file".`);
  }
  let form: FormData;
  try {
    // The parser gets the boundary just counted with, whatever else the client's Content-Type said.
    form = await new Response(body as BodyInit, { headers: { "content-type": `multipart/form-data; boundary="${boundary}"` } }).formData();
  } catch {
    throw unreadable();
  }
  const unknown = [...new Set(form.keys())].filter((name) => name !== "file");
  const files = form.getAll("file");
  const file = files[0];
  if (unknown.length > 0 || files.length !== 1 || !(file instanceof Blob)) {
    const unlisted = unknown.length - MAX_LISTED_UNKNOWN_FIELDS;
    const errors: FieldError[] = [
      ...(files.length !== 1 || !(file instanceof Blob) ? [{ path: "file", message: "Exactly one file is required." }] : []),
      ...unknown.slice(0, MAX_LISTED_UNKNOWN_FIELDS).map((name) => ({ path: name, message: "Unknown field." })),
    ];
    const note = unlisted > 0 ? ` (${unlisted} more unknown field${unlisted === 1 ? " is" : "s are"} not listed)` : "";
    throw new ApiError("validation_error", `Send exactly one file, in the field "file"${note}.`, { errors });
  }
  if (file.size > MAX_AVATAR_BYTES) throw tooLarge();
  return new Uint8Array(await file.arrayBuffer());
}
