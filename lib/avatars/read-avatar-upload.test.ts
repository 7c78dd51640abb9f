import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/api-error";
import { readAvatarUpload } from "./read-avatar-upload";
import { MAX_AVATAR_BYTES } from "./schemas";

const url = "http://localhost/api/v1/profile/avatar";

function multipart(file: Uint8Array, boundary = "b0undary"): Uint8Array<ArrayBuffer> {
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return new Uint8Array([...new TextEncoder().encode(head), ...file, ...new TextEncoder().encode(tail)]);
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("readAvatarUpload", () => {
  it("reads the file field of a multipart body", async () => {
    const file = new Uint8Array([1, 2, 3, 4]);
    const request = new Request(url, { method: "PUT", body: multipart(file), headers: { "content-type": "multipart/form-data; boundary=b0undary" } });
    expect(await readAvatarUpload({ request })).toEqual(file);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const request = new Request(url, {
      method: "PUT",
      body: new Uint8Array(10),
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) },
    });
    const error = await failure(readAvatarUpload({ request }));
    expect(error).toMatchObject({ code: "payload_too_large", message: "The avatar must be at most 2 MiB." });
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading a streamed body of no declared length as soon as it passes the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
        // An endless upload: only the limit ends it.
      },
    });
    const request = new Request(url, { method: "PUT", body, duplex: "half", headers: { "content-type": "multipart/form-data; boundary=x" } } as RequestInit);
    const error = await failure(readAvatarUpload({ request }));
    expect(error.code).toBe("payload_too_large");
    expect(pulled).toBeLessThan(MAX_AVATAR_BYTES + 256 * 1024);
  });

  it("refuses a file over 2 MiB inside a body that fits the multipart allowance", async () => {
    const request = new Request(url, {
      method: "PUT",
      body: multipart(new Uint8Array(MAX_AVATAR_BYTES + 1)),
      headers: { "content-type": "multipart/form-data; boundary=b0undary" },
    });
    expect((await failure(readAvatarUpload({ request }))).code).toBe("payload_too_large");
  });

  it("answers 415 for a body that is not multipart/form-data", async () => {
    for (const contentType of [undefined, "application/json", "multipart/mixed; boundary=x", "multipart/form-data"]) {
      const request = new Request(url, { method: "PUT", body: "{}", headers: contentType ? { "content-type": contentType } : {} });
      if (!contentType) request.headers.delete("content-type");
      expect((await failure(readAvatarUpload({ request }))).code).toBe("unsupported_media_type");
    }
  });

  it("answers 400, not 500, when the upload breaks off", async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error("connection reset"));
        sent = true;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request(url, { method: "PUT", body, duplex: "half", headers: { "content-type": "multipart/form-data; boundary=x" } } as RequestInit);
    expect(await failure(readAvatarUpload({ request }))).toMatchObject({ code: "validation_error", message: "The upload could not be read to the end." });
  });
});
