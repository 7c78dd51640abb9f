import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppServer, signIn } from "./support/app-server";
import { Cluster } from "./support/cluster";
import { listeningPid, memoryOf, resetPeak } from "./support/process-memory";

// Issue 12, item 4: a 348 KB progressive JPEG of 65000×600 added ~230 MB of resident memory (libjpeg keeps
// every DCT coefficient of a progressive image until its last scan), and 16 at once took the server to 2.7 GB.
const PEAK_LIMIT_MB = 500;
const UPLOADS = 16;

let cluster: Cluster;
let server: AppServer;
let pid: number;
const tokens: string[] = [];

beforeAll(async () => {
  cluster = new Cluster(Number(process.env.FAULTS_AVATAR_PG_PORT ?? 5511));
  cluster.start();
  server = new AppServer(Number(process.env.FAULTS_AVATAR_APP_PORT ?? 3811), cluster.url);
  await server.start();
  pid = listeningPid(server.port);
  for (let index = 0; index < UPLOADS; index += 1) tokens.push((await signIn(server, server)).accessToken);
});

afterAll(async () => {
  await server?.stop();
  cluster?.destroy();
});

/** A progressive JPEG of one colour: a few hundred KB that decode into width × height pixels. */
function progressiveJpeg(width: number, height: number, chromaSubsampling: "4:4:4" | "4:2:0"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg({ progressive: true, chromaSubsampling, quality: 90 })
    .toBuffer();
}

async function upload(token: string, bytes: Buffer) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), "evil.jpg");
  const response = await fetch(`${server.url}/api/v1/profile/avatar`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}` },
    body: form,
    signal: AbortSignal.timeout(90_000),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type") ?? "", retryAfter: response.headers.get("retry-after"), body: JSON.parse(text) };
}

/** Every account uploads the image at once; the server's peak resident memory over the uploads, in MB. */
async function uploadAllAtOnce(bytes: Buffer) {
  resetPeak(pid);
  const before = memoryOf(pid).rssMb;
  const answers = await Promise.all(tokens.map((token) => upload(token, bytes)));
  const { peakMb, rssMb } = memoryOf(pid);
  console.info(`${UPLOADS} uploads of ${bytes.byteLength} bytes: RSS ${before.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB, ${rssMb.toFixed(0)} MB after; statuses ${answers.map((a) => a.status).join(",")}`);
  return { answers, peakMb };
}

describe("avatar uploads keep the server's memory bounded", () => {
  it(`refuses ${UPLOADS} progressive JPEGs of 65000×600 (39 MP) at once with 413, under ${PEAK_LIMIT_MB} MB`, async () => {
    const bytes = await progressiveJpeg(65_000, 600, "4:4:4");
    const { answers, peakMb } = await uploadAllAtOnce(bytes);
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(413);
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: "payload_too_large", detail: expect.stringMatching(/65000×600; at most 16 megapixels/) });
    }
    expect(peakMb).toBeLessThan(PEAK_LIMIT_MB);
  });

  // The costliest image accepted: 16 MP, and 48 MB of coefficients held while it decodes.
  it(`renders ${UPLOADS} progressive 4:2:0 JPEGs of 4000×4000 (16 MP, just at the limits) at once, under ${PEAK_LIMIT_MB} MB`, async () => {
    const bytes = await progressiveJpeg(4000, 4000, "4:2:0");
    const { answers, peakMb } = await uploadAllAtOnce(bytes);
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.avatarUrl).toMatch(/^\/api\/v1\/avatars\//);
    }
    expect(peakMb).toBeLessThan(PEAK_LIMIT_MB);
  });
});
