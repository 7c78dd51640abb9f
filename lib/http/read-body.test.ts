import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors/api-error";
import { MAX_JSON_BODY_BYTES, readBodyBytes, readJsonBody } from "./read-body";

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }): Request {
  return new Request("http://localhost:3000/api/v1/auth/code", { method: "POST", headers, body });
}

/** A body that arrives in chunks, with no Content-Length, as a chunked upload does. */
function streamed(chunks: Uint8Array[], onPull?: () => void): Request {
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  return new Request("http://localhost:3000/x", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return { code: (error as ApiError).code, message: (error as ApiError).message };
  }
  throw new Error("no error was thrown");
}

describe("readJsonBody", () => {
  it("reads a JSON object", async () => {
    expect(await readJsonBody(post('{"phone":"+79991234567"}'))).toEqual({ phone: "+79991234567" });
  });

  it.each(["application/json; charset=utf-8", "APPLICATION/JSON", "application/merge-patch+json"])("accepts %s", async (type) => {
    expect(await readJsonBody(post("[1]", { "content-type": type }))).toEqual([1]);
  });

  it.each([
    ["text/plain", { "content-type": "text/plain" }],
    ["form data", { "content-type": "application/x-www-form-urlencoded" }],
    ["no content type", {}],
    ["a lookalike", { "content-type": "application/jsonp" }],
  ])("refuses %s with 415", async (_name, headers) => {
    expect(await failure(readJsonBody(post('{"phone":"1"}', headers)))).toEqual({
      code: "unsupported_media_type",
      message: "Send the request body as JSON with Content-Type: application/json.",
    });
  });

  it("refuses a declared Content-Length over 16 KiB before reading", async () => {
    const request = post("{}", { "content-type": "application/json", "content-length": String(MAX_JSON_BODY_BYTES + 1) });
    expect(await failure(readJsonBody(request))).toEqual({ code: "payload_too_large", message: "The request body is larger than 16 KiB." });
    expect(request.bodyUsed).toBe(false);
  });

  it("accepts exactly 16 KiB", async () => {
    const body = JSON.stringify({ text: "x".repeat(MAX_JSON_BODY_BYTES - 11) });
    expect(Buffer.byteLength(body)).toBe(MAX_JSON_BODY_BYTES);
    expect(await readJsonBody(post(body))).toMatchObject({ text: expect.any(String) });
  });

  it("refuses a body over 16 KiB without a Content-Length", async () => {
    const oversized = post(JSON.stringify({ text: "x".repeat(MAX_JSON_BODY_BYTES) }));
    expect(await failure(readJsonBody(oversized))).toMatchObject({ code: "payload_too_large" });
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    let pulls = 0;
    const chunk = new Uint8Array(4096).fill(0x20);
    const request = streamed(Array.from({ length: 100 }, () => chunk), () => (pulls += 1));
    expect(await failure(readJsonBody(request))).toEqual({ code: "payload_too_large", message: "The request body is larger than 16 KiB." });
    expect(pulls).toBeLessThan(10);
  });

  it("joins a body that arrives in several chunks", async () => {
    const encoder = new TextEncoder();
    expect(await readJsonBody(streamed([encoder.encode('{"pho'), encoder.encode('ne":"+7'), encoder.encode('9991234567"}')]))).toEqual({
      phone: "+79991234567",
    });
  });

  it.each(['{"phone":', "{phone: 1}", "'x'", "{}}", "NaN"])("refuses the malformed JSON %j", async (text) => {
    const { code, message } = await failure(readJsonBody(post(text)));
    expect(code).toBe("invalid_json");
    expect(message).toMatch(/^The request body is not valid JSON: .+/);
  });

  it("refuses bytes that are not UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(await failure(readJsonBody(post(bytes)))).toEqual({ code: "invalid_json", message: "The request body is not valid UTF-8." });
  });

  it("refuses an empty body unless it is optional", async () => {
    expect(await failure(readJsonBody(post(null)))).toEqual({
      code: "invalid_json",
      message: "The request body is empty; a JSON object was expected.",
    });
    expect(await failure(readJsonBody(post("")))).toMatchObject({ code: "invalid_json" });
    expect(await failure(readJsonBody(post(null, {})))).toMatchObject({ code: "unsupported_media_type" });
    expect(await readJsonBody(post(null, {}), { optional: true })).toBeUndefined();
    expect(await readJsonBody(post("", { "content-type": "text/plain" }), { optional: true })).toBeUndefined();
  });

  it("still checks the content type of an optional body that is present", async () => {
    expect(await failure(readJsonBody(post("{}", { "content-type": "text/plain" }), { optional: true }))).toMatchObject({
      code: "unsupported_media_type",
    });
  });
});

describe("readBodyBytes", () => {
  it("ignores a Content-Length that is not a number and reads the body", async () => {
    const bytes = await readBodyBytes(post("abc", { "content-length": "lots" }), 10);
    expect(new TextDecoder().decode(bytes)).toBe("abc");
  });
});
