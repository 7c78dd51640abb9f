import { randomUUID } from "node:crypto";
import { crc32 } from "node:zlib";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { avatars } from "@/db/schema";
import { avatarRenderQueue } from "@/lib/avatars/render-queue";
import { AVATAR_UPLOADS_PER_HOUR, MAX_AVATAR_BYTES } from "@/lib/avatars/schemas";
import { api } from "../helpers/api";
import { setEnv } from "../helpers/env";
import { expectProblem } from "../helpers/expect-problem";
import { signIn } from "../helpers/flows";
import { expectRetryAfter } from "../helpers/problems";

let restoreEnv: (() => void) | undefined;
afterEach(() => {
  restoreEnv?.();
  restoreEnv = undefined;
});

type Format = "png" | "jpeg" | "webp";

function picture(format: Format, { width = 640, height = 480 } = {}): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 1 } } })
    // GPS, camera and author data that must not survive the upload.
    .withExif({ IFD0: { Artist: "Secret Person", Copyright: "private" }, IFD3: { GPSLatitudeRef: "N" } });
  return image[format]().toBuffer();
}

function upload(token: string, bytes: Uint8Array, { name = "avatar.png", type = "image/png", field = "file" } = {}) {
  const form = new FormData();
  form.append(field, new Blob([bytes as BlobPart], { type }), name);
  return api.put("/api/v1/profile/avatar", { token, body: form });
}

function fetchImage(url: string, headers?: Record<string, string>) {
  return api.get(url, { headers });
}

/** The image bytes as served (the test client reads bodies as text). */
async function imageBytes(url: string): Promise<{ bytes: Buffer; headers: Headers }> {
  const { GET } = await import("@/app/api/v1/avatars/[id]/route");
  const id = url.split("/").at(-1)!;
  const response = await GET(new Request(`http://localhost:3000${url}`), { params: Promise.resolve({ id }) });
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

describe("avatar upload", () => {
  it.each<Format>(["png", "jpeg", "webp"])("accepts a real %s and serves it as a 256 px square WebP without metadata", async (format) => {
    const { accessToken: token } = await signIn();
    const original = await picture(format);
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const response = await upload(token, original, { name: `me.${format}`, type: `image/${format}` });
    expect(response.status, response.text).toBe(200);
    expect(response.body.avatarUrl).toMatch(/^\/api\/v1\/avatars\/[0-9a-f-]{36}$/);

    const { bytes, headers } = await imageBytes(response.body.avatarUrl);
    expect(headers.get("content-type")).toBe("image/webp");
    expect(headers.get("content-length")).toBe(String(bytes.byteLength));
    expect(headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(headers.get("etag")).toBe(`"${response.body.avatarUrl.split("/").at(-1)}"`);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    const served = await sharp(bytes).metadata();
    expect(served).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(served.exif).toBeUndefined();
    expect(served.icc).toBeUndefined();
    expect(served.xmp).toBeUndefined();
    expect((await api.get("/api/v1/profile", { token })).body.avatarUrl).toBe(response.body.avatarUrl);
  });

  it("crops a wide image to the centre square", async () => {
    const { accessToken: token } = await signIn();
    // Left and right thirds blue, middle red: the square crop keeps the red middle.
    const wide = await sharp({ create: { width: 900, height: 300, channels: 3, background: "#0000ff" } })
      .composite([{ input: { create: { width: 300, height: 300, channels: 3, background: "#ff0000" } }, left: 300, top: 0 }])
      .png()
      .toBuffer();
    const response = await upload(token, wide);
    const { bytes } = await imageBytes(response.body.avatarUrl);
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    // The corners of the square are red too: nothing of the blue sides is left.
    for (const [x, y] of [[0, 0], [255, 0], [0, 255], [255, 255], [128, 128]] as const) {
      const offset = (y * info.width + x) * info.channels;
      expect(data[offset]).toBeGreaterThan(200);
      expect(data[offset + 2]).toBeLessThan(60);
    }
  });

  it("recognises the format by content: a PNG declared as GIF is accepted", async () => {
    const { accessToken: token } = await signIn();
    const response = await upload(token, await picture("png"), { name: "photo.gif", type: "image/gif" });
    expect(response.status, response.text).toBe(200);
  });

  it.each([
    ["a GIF renamed .png", () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#123456" } }).gif().toBuffer()],
    ["a text file renamed .png", () => Promise.resolve(Buffer.from("hello, I am not an image\n".repeat(20)))],
    ["an empty file", () => Promise.resolve(Buffer.alloc(0))],
    ["an SVG renamed .png", () => Promise.resolve(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))],
    ["a PNG signature followed by garbage", () => Promise.resolve(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]))],
    ["a JPEG signature followed by garbage", () => Promise.resolve(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 1)]))],
    ["a truncated WebP", async () => (await picture("webp")).subarray(0, 40)],
  ])("refuses %s with 415 unsupported_media_type", async (_name, make) => {
    const { accessToken: token } = await signIn();
    expectProblem(await upload(token, await make()), "unsupported_media_type");
    expect((await api.get("/api/v1/profile", { token })).body.avatarUrl).toBeNull();
  });

  it("accepts exactly 2 MiB and refuses one byte more with 413 payload_too_large", async () => {
    const { accessToken: token } = await signIn();
    const png = await picture("png", { width: 32, height: 32 });
    // Bytes after the PNG's end chunk are ignored by decoders: a real image of any size we like.
    const exactly = Buffer.concat([png, Buffer.alloc(MAX_AVATAR_BYTES - png.length)]);
    expect((await upload(token, exactly)).status).toBe(200);
    expectProblem(await upload(token, Buffer.concat([exactly, Buffer.alloc(1)])), "payload_too_large", {
      detail: "The avatar must be at most 2 MiB.",
    });
    expectProblem(await upload(token, Buffer.alloc(5 * 1024 * 1024)), "payload_too_large", { detail: "The avatar must be at most 2 MiB." });
  });

  it("refuses an image of too many pixels before decoding it (413)", async () => {
    const { accessToken: token } = await signIn();
    const png = await picture("png", { width: 1, height: 1 });
    // Claim 10000×10000 in the header (a decompression bomb's trick), with a correct checksum.
    const header = Buffer.from(png);
    header.writeUInt32BE(10_000, 16);
    header.writeUInt32BE(10_000, 20);
    header.writeUInt32BE(crc32(header.subarray(12, 29)), 29);
    expectProblem(await upload(token, header), "payload_too_large", { detail: /10000×10000; at most 16 megapixels/ });
  });

  it("takes the pixel limit from AVATAR_MAX_PIXELS: at the limit is accepted, one row more is 413", async () => {
    restoreEnv = setEnv({ AVATAR_MAX_PIXELS: "10000" });
    const { accessToken: token } = await signIn();
    expect((await upload(token, await picture("jpeg", { width: 100, height: 100 }), { type: "image/jpeg" })).status).toBe(200);
    expectProblem(await upload(token, await picture("png", { width: 100, height: 101 })), "payload_too_large", {
      detail: "The image is 100×101; at most 0.01 megapixels are accepted.",
    });
  });

  it("accepts a progressive JPEG of 16 MP in 4:2:0 colour and refuses one in 4:4:4, which takes 96 MB to decode (413)", async () => {
    const { accessToken: token } = await signIn();
    const progressive = (chromaSubsampling: string) =>
      sharp({ create: { width: 4000, height: 4000, channels: 3, background: "#336699" } }).jpeg({ progressive: true, chromaSubsampling }).toBuffer();
    expect((await upload(token, await progressive("4:2:0"), { type: "image/jpeg" })).status).toBe(200);
    expectProblem(await upload(token, await progressive("4:4:4"), { type: "image/jpeg" }), "payload_too_large", {
      detail: "The image is a progressive JPEG of 4000×4000, which takes 96 MB to decode; at most 48 MB are accepted. Save it as a baseline JPEG, or smaller.",
    });
    // A baseline JPEG is decoded a few rows at a time: 4:4:4 is fine.
    const baseline = await sharp({ create: { width: 4000, height: 4000, channels: 3, background: "#336699" } }).jpeg({ chromaSubsampling: "4:4:4" }).toBuffer();
    expect((await upload(token, baseline, { type: "image/jpeg" })).status).toBe(200);
  });

  it("refuses a body of 37,000 fields at once with a short 400 that lists none of them", async () => {
    const { accessToken: token } = await signIn();
    // Issue 12, item 14: this body cost 0.7 s of parsing and a 1.7 MB answer naming every field.
    const body = Array.from({ length: 37_000 }, (_, index) => `--b\r\nContent-Disposition: form-data; name="f${index}"\r\n\r\n\r\n`).join("") + "--b--\r\n";
    expect(body.length).toBeLessThan(MAX_AVATAR_BYTES);
    const response = await api.put("/api/v1/profile/avatar", { token, body, headers: { "content-type": "multipart/form-data; boundary=b" } });
    expectProblem(response, "validation_error", { detail: "The body has more than 8 parts: send one part, the field \"file\"." });
    expect(response.text.length).toBeLessThan(400);
  });

  it("lists at most 5 unknown fields and says how many more there were", async () => {
    const { accessToken: token } = await signIn();
    const form = new FormData();
    for (const name of ["a", "b", "c", "d", "e", "f", "g"]) form.append(name, "x");
    form.append("file", new Blob([new Uint8Array(await picture("png"))]), "a.png");
    expectProblem(await api.put("/api/v1/profile/avatar", { token, body: form }), "validation_error", {
      detail: "Send exactly one file, in the field \"file\" (2 more unknown fields are not listed).",
      errors: ["a", "b", "c", "d", "e"].map((name) => ({ path: name, message: "Unknown field." })),
    });
  });

  it(`allows ${AVATAR_UPLOADS_PER_HOUR} tries an hour per account, whatever their answer, then 429 before reading the body`, async () => {
    const { accessToken: token } = await signIn();
    const png = await picture("png", { width: 16, height: 16 });
    for (let index = 0; index < AVATAR_UPLOADS_PER_HOUR; index += 1) {
      const response = index % 2 === 0 ? await upload(token, png) : await upload(token, Buffer.from("not an image"));
      expect(response.status).toBe(index % 2 === 0 ? 200 : 415);
    }
    const limited = await upload(token, png);
    expectProblem(limited, "rate_limited", { detail: `At most ${AVATAR_UPLOADS_PER_HOUR} avatar uploads an hour are allowed. Please try again later.` });
    expectRetryAfter(limited, 3590, 3600);
    // Counted before the body is even looked at: a request that is not an upload at all gets the same answer.
    expectProblem(await api.put("/api/v1/profile/avatar", { token }), "rate_limited");
    // Another account has its own allowance.
    const other = await signIn();
    expect((await upload(other.accessToken, png)).status).toBe(200);
  });

  it("answers 503 with Retry-After, without reading the upload, while the render queue is full", async () => {
    const { accessToken: token } = await signIn();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holders: Promise<unknown>[] = [];
    while (!avatarRenderQueue.full) holders.push(avatarRenderQueue.run({ task: () => held }));
    const png = await picture("png", { width: 16, height: 16 });
    const busy = await upload(token, png);
    expectProblem(busy, "service_unavailable", { detail: "Too many images are being processed right now. Please try again in a few seconds." });
    expectRetryAfter(busy, 5, 5);
    release();
    await Promise.all(holders);
    expect((await upload(token, png)).status).toBe(200);
  });

  it("refuses a request that is not a single file in the field \"file\" (400) or not multipart (415)", async () => {
    const { accessToken: token } = await signIn();
    const png = await picture("png");
    expectProblem(await upload(token, png, { field: "avatar" }), "validation_error", {
      errors: [
        { path: "file", message: "Exactly one file is required." },
        { path: "avatar", message: "Unknown field." },
      ],
    });
    const two = new FormData();
    two.append("file", new Blob([new Uint8Array(png)]), "a.png");
    two.append("file", new Blob([new Uint8Array(png)]), "b.png");
    expectProblem(await api.put("/api/v1/profile/avatar", { token, body: two }), "validation_error", {
      errors: [{ path: "file", message: "Exactly one file is required." }],
    });
    const text = new FormData();
    text.append("file", "not a file");
    expectProblem(await api.put("/api/v1/profile/avatar", { token, body: text }), "validation_error", {
      errors: [{ path: "file", message: "Exactly one file is required." }],
    });
    expectProblem(
      await api.put("/api/v1/profile/avatar", { token, body: "--x\r\nbroken", headers: { "content-type": "multipart/form-data; boundary=x" } }),
      "validation_error",
      { detail: "The multipart/form-data body could not be read." },
    );
    expectProblem(await api.put("/api/v1/profile/avatar", { token, body: new Uint8Array(png), headers: { "content-type": "image/png" } }), "unsupported_media_type");
    expectProblem(await api.put("/api/v1/profile/avatar", { token }), "unsupported_media_type");
  });

  it("needs a signed-in user", async () => {
    expectProblem(await upload("", await picture("png")), "unauthorized");
  });

  it("replaces the previous avatar, whose URL then answers 404, and keeps one stored image per user", async () => {
    const { accessToken: token, profile } = await signIn();
    const first = (await upload(token, await picture("png"))).body.avatarUrl as string;
    const second = (await upload(token, await picture("jpeg"), { type: "image/jpeg" })).body.avatarUrl as string;
    expect(second).not.toBe(first);
    expectProblem(await fetchImage(first), "not_found");
    expect((await fetchImage(second)).status).toBe(200);
    const db = await getDb();
    const stored = await db.select({ id: avatars.id }).from(avatars).where(eq(avatars.userId, profile.id));
    expect(stored.map((row) => `/api/v1/avatars/${row.id}`)).toEqual([second]);
  });

  it("keeps exactly one avatar when two uploads race", async () => {
    const { accessToken: token, profile } = await signIn();
    const [a, b] = await Promise.all([upload(token, await picture("png")), upload(token, await picture("webp"))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const db = await getDb();
    const stored = await db.select({ id: avatars.id }).from(avatars).where(eq(avatars.userId, profile.id));
    expect(stored).toHaveLength(1);
    expect((await api.get("/api/v1/profile", { token })).body.avatarUrl).toBe(`/api/v1/avatars/${stored[0]!.id}`);
  });

  it("DELETE removes the avatar; deleting again is harmless", async () => {
    const { accessToken: token } = await signIn();
    const url = (await upload(token, await picture("png"))).body.avatarUrl as string;
    const removed = await api.delete("/api/v1/profile/avatar", { token });
    expect(removed.status).toBe(200);
    expect(removed.body.avatarUrl).toBeNull();
    expectProblem(await fetchImage(url), "not_found");
    const again = await api.delete("/api/v1/profile/avatar", { token });
    expect(again.status).toBe(200);
    expect(again.body.avatarUrl).toBeNull();
    expectProblem(await api.delete("/api/v1/profile/avatar"), "unauthorized");
  });
});

describe("GET /api/v1/avatars/{id}", () => {
  it("answers 304 to If-None-Match with the current ETag", async () => {
    const { accessToken: token } = await signIn();
    const url = (await upload(token, await picture("png"))).body.avatarUrl as string;
    const first = await fetchImage(url);
    const etag = first.headers.get("etag")!;
    const cached = await fetchImage(url, { "if-none-match": etag });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe("");
    expect(cached.headers.get("etag")).toBe(etag);
    expect(cached.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetchImage(url, { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await fetchImage(url, { "if-none-match": '"other"' })).status).toBe(200);
    expect((await fetchImage(url.toUpperCase().replace("/API/V1/AVATARS/", "/api/v1/avatars/"))).status).toBe(200);
  });

  it.each(["not-a-uuid", randomUUID(), "' or 1=1 --", "%00"])("answers 404 problem+json for %s", async (id) => {
    expectProblem(await fetchImage(`/api/v1/avatars/${encodeURIComponent(id)}`), "not_found", { detail: "There is no avatar with this id." });
  });
});
