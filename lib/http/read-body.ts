import { ApiError } from "@/lib/errors/api-error";

export const MAX_JSON_BODY_BYTES = 16 * 1024;

/** Reads at most `limit` bytes; a longer body is refused before it is all in memory. */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(limit: number): ApiError {
  return new ApiError("payload_too_large", `The request body is larger than ${limit / 1024} KiB.`);
}

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const mediaType = value.split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * The JSON body of a request, or `undefined` when it has none and `optional` allows that.
 * Wrong content type is 415, an oversized body 413, malformed JSON 400.
 */
export async function readJsonBody(request: Request, { optional = false } = {}): Promise<unknown> {
  const bytes = await readBodyBytes(request, MAX_JSON_BODY_BYTES);
  if (bytes.byteLength === 0) {
    if (optional) return undefined;
    if (!isJsonContentType(request.headers.get("content-type"))) {
      throw new ApiError("unsupported_media_type", "Send the request body as JSON with Content-Type: application/json.");
    }
    throw new ApiError("invalid_json", "The request body is empty; a JSON object was expected.");
  }
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new ApiError("unsupported_media_type", "Send the request body as JSON with Content-Type: application/json.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError("invalid_json", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
