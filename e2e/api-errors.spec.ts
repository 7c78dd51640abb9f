import http from "node:http";
import { expect, test } from "./fixtures";
import { BASE_URL } from "./support/settings";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** node:http, since fetch (and Playwright's request) cannot send TRACE or CONNECT. */
function send(method: string, target: string): Promise<Answer> {
  const { hostname, port } = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method, path: target, timeout: 10_000 });
    const collect = (response: http.IncomingMessage, stream: NodeJS.ReadableStream, head?: Buffer) => {
      const chunks: Buffer[] = head?.length ? [head] : [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }));
    };
    request.on("response", (response) => collect(response, response));
    request.on("connect", (response, socket, head) => collect(response, socket, head));
    request.on("timeout", () => request.destroy(new Error(`${method} ${target}: no answer`)));
    request.on("error", reject);
    request.end();
  });
}

const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function expectProblem(answer: Answer, status: number, code: string, allow?: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
  expect(answer.headers).toMatchObject({ "x-content-type-options": "nosniff", "content-security-policy": API_POLICY });
  expect(answer.headers.allow).toBe(allow);
  if (!answer.text) return;
  expect(JSON.parse(answer.text)).toMatchObject({ status, code, type: `https://phone-referrals.dev/problems/${code.replaceAll("_", "-")}` });
  expect(answer.text).not.toMatch(/\n\s+at /);
}

test.describe("requests no route handler serves (production server)", () => {
  test("TRACE and CONNECT are 405 problem+json, not a 500 with a stack trace or a dropped connection", async () => {
    const profileMethods = "DELETE, GET, HEAD, OPTIONS, PATCH";
    expectProblem(await send("TRACE", "/api/v1/profile"), 405, "method_not_allowed", profileMethods);
    expectProblem(await send("CONNECT", "/api/v1/profile"), 405, "method_not_allowed", profileMethods);
    expectProblem(await send("PROPFIND", "/api/health"), 405, "method_not_allowed", "GET, HEAD, OPTIONS");
    expectProblem(await send("TRACE", "/login"), 405, "method_not_allowed", "GET, HEAD");
    expectProblem(await send("TRACE", "/api/v1/nothing"), 404, "not_found");
  });

  test("an unknown path under /api is 404 problem+json, not the HTML 404 page", async ({ request }) => {
    for (const path of ["/api/v1/nothing", "/api/v1/profile/nothing", "/api/v2/profile", "/api", "/api/v1/avatars/a/b"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      expect(response.headers()["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(await response.json()).toMatchObject({ status: 404, code: "not_found", detail: `There is no API endpoint at ${path}.` });
    }
    expect((await request.post("/api/v1/nothing", { data: { phone: "+79990000000" } })).status()).toBe(404);
    // Pages keep Next.js's own 404 page.
    const page = await request.get("/nothing-here");
    expect(page.status()).toBe(404);
    expect(page.headers()["content-type"]).toContain("text/html");
  });

  test("a method the route does not export is 405 problem+json with Allow", async ({ request }) => {
    for (const [method, path, allow] of [
      ["PUT", "/api/v1/profile", "DELETE, GET, HEAD, OPTIONS, PATCH"],
      ["GET", "/api/v1/auth/code", "OPTIONS, POST"],
      ["DELETE", "/api/health", "GET, HEAD, OPTIONS"],
      ["POST", "/api/v1/admin/users/123", "OPTIONS, PATCH"],
    ] as const) {
      const response = await request.fetch(path, { method, maxRedirects: 0 });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()).toMatchObject({ allow, "content-type": "application/problem+json; charset=utf-8", "content-security-policy": API_POLICY });
      expect(await response.json()).toMatchObject({ status: 405, code: "method_not_allowed" });
    }
  });

  test("HEAD and OPTIONS behave as HTTP says", async ({ request }) => {
    const head = await send("HEAD", "/api/health");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expectProblem(await send("HEAD", "/api/v1/auth/code"), 405, "method_not_allowed", "OPTIONS, POST");
    const options = await request.fetch("/api/v1/profile", { method: "OPTIONS" });
    expect(options.status()).toBe(204);
    expect(options.headers().allow).toBe("DELETE, GET, HEAD, OPTIONS, PATCH");
    expect((await request.fetch("/api/v1/auth/code", { method: "OPTIONS" })).headers().allow).toBe("OPTIONS, POST");
    // A route that is served stays served: the guard only refuses.
    expect((await request.get("/api/health")).status()).toBe(200);
    expect((await request.get("/api/v1/profile")).status()).toBe(401);
  });
});
