import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Duplex } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { installApiGuardHook, refusalAnswer, refusalFor } from "./api-guard-hook";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

let server: http.Server;
let port = 0;

/** node:http, since fetch cannot send TRACE, TRACK or CONNECT. */
function send(method: string, target: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method, path: target });
    const collect = (response: http.IncomingMessage, socket?: NodeJS.ReadableStream, head?: Buffer) => {
      const chunks: Buffer[] = head?.length ? [head] : [];
      const stream = socket ?? response;
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }));
    };
    request.on("response", (response) => collect(response));
    request.on("connect", (response, socket, head) => collect(response, socket, head));
    request.on("error", reject);
    request.end();
  });
}

beforeAll(async () => {
  installApiGuardHook();
  installApiGuardHook();
  server = http.createServer((request, response) => response.end(`handled ${request.method} ${request.url}`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function expectProblem(answer: Answer, status: number, code: string, allow?: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  expect(answer.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(answer.headers.allow).toBe(allow);
  if (answer.text) {
    const body = JSON.parse(answer.text);
    expect(body).toMatchObject({ status, code, requestId: answer.headers["x-request-id"] });
    expect(answer.text).not.toMatch(/\n\s+at /);
  }
}

describe("the API guard at the HTTP server", () => {
  it("lets every request a handler can serve through", async () => {
    for (const [method, target] of [
      ["GET", "/api/v1/profile"],
      ["HEAD", "/api/health"],
      ["OPTIONS", "/api/v1/auth/code"],
      ["PATCH", "/api/v1/admin/users/abc"],
      ["GET", "/api/health/?x=1"],
      ["GET", "/login"],
      ["POST", "/profile"],
    ] as const) {
      const answer = await send(method, target);
      expect(answer.status, `${method} ${target}`).toBe(200);
      if (method !== "HEAD") expect(answer.text).toBe(`handled ${method} ${target}`);
    }
  });

  it("answers 404 not_found for an unknown API path, whatever the method", async () => {
    expectProblem(await send("GET", "/api/v1/nothing"), 404, "not_found");
    expectProblem(await send("POST", "/api/unknown?x=1"), 404, "not_found");
    expectProblem(await send("TRACE", "/api/v1/nothing"), 404, "not_found");
    expectProblem(await send("GET", "/api"), 404, "not_found");
  });

  it("answers 405 method_not_allowed with Allow for a method the route does not serve", async () => {
    expectProblem(await send("PUT", "/api/v1/profile"), 405, "method_not_allowed", "DELETE, GET, HEAD, OPTIONS, PATCH");
    expectProblem(await send("GET", "/api/v1/auth/code"), 405, "method_not_allowed", "OPTIONS, POST");
    expectProblem(await send("HEAD", "/api/v1/auth/code"), 405, "method_not_allowed", "OPTIONS, POST");
  });

  it("answers TRACE, PROPFIND and CONNECT in problem+json instead of a 500 or a dropped connection", async () => {
    expectProblem(await send("TRACE", "/api/v1/profile"), 405, "method_not_allowed", "DELETE, GET, HEAD, OPTIONS, PATCH");
    expectProblem(await send("PROPFIND", "/api/health"), 405, "method_not_allowed", "GET, HEAD, OPTIONS");
    expectProblem(await send("TRACE", "/login"), 405, "method_not_allowed", "GET, HEAD");
    expectProblem(await send("CONNECT", "/api/v1/profile"), 405, "method_not_allowed", "DELETE, GET, HEAD, OPTIONS, PATCH");
    expectProblem(await send("CONNECT", "example.com:443"), 405, "method_not_allowed", "GET, HEAD");
    // A target no URL parser takes is no API path.
    expectProblem(await send("TRACE", "http://[oops/api/v1/profile"), 405, "method_not_allowed", "GET, HEAD");
  });

  it("leaves CONNECT to a server that listens for it itself", async () => {
    const tunnel = http.createServer();
    tunnel.on("connect", (_request, socket: Duplex) => socket.end("HTTP/1.1 200 Connection Established\r\n\r\n"));
    await new Promise<void>((resolve) => tunnel.listen(0, "127.0.0.1", resolve));
    const answer = await new Promise<number>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port: (tunnel.address() as AddressInfo).port, method: "CONNECT", path: "example.com:443" });
      request.on("connect", (response, socket) => {
        socket.destroy();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.end();
    });
    expect(answer).toBe(200);
    await new Promise((resolve) => tunnel.close(resolve));
  });

  it("reads a request without method or target as GET /", () => {
    expect(refusalFor({})).toBeUndefined();
    expect(refusalFor({ url: "/api/v1/nothing/" })?.error.code).toBe("not_found");
    expect(refusalFor({ url: "/api/health/" })).toBeUndefined();
  });
});

describe("refusalAnswer", () => {
  it("carries the headers next.config.mjs gives API responses, HSTS in production", async () => {
    const configUrl = pathToFileURL(path.resolve(import.meta.dirname, "../../next.config.mjs")).href;
    const { securityHeaders, default: config } = (await import(configUrl)) as {
      securityHeaders: (production: boolean) => { key: string; value: string }[];
      default: { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    };
    const apiRule = (await config.headers()).find((rule) => rule.source === "/api/:path*");
    for (const production of [false, true]) {
      const { headers } = refusalAnswer({ error: new ApiError("not_found", "x") }, { production });
      for (const { key, value } of [...securityHeaders(production), ...(apiRule?.headers ?? [])]) expect(headers[key], key).toBe(value);
      expect("Strict-Transport-Security" in headers).toBe(production);
    }
    resetEnvCache();
  });
});
