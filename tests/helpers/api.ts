import { peerAddressHeaderFor } from "@/lib/http/peer-address-hook";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<string, Handler>>;

// Every route handler under app/api (and app/.well-known), found the way Next.js finds them: by folder.
const modules = import.meta.glob<RouteModule>(["/app/api/**/route.ts", "/app/.well-known/**/route.ts"]);

const routes = Object.entries(modules).map(([file, load]) => {
  const segments = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").split("/").filter(Boolean);
  const names: string[] = [];
  const pattern = segments
    .map((segment) => {
      const dynamic = /^\[(\w+)\]$/.exec(segment);
      if (!dynamic) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(dynamic[1]!);
      return "([^/]+)";
    })
    .join("/");
  return { regex: new RegExp(`^/${pattern}$`), names, load, dynamicCount: names.length };
});
// Static routes win over dynamic ones, as in Next.js.
routes.sort((a, b) => a.dynamicCount - b.dynamicCount);

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  /** Serialised as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Sent as it is (with your own content type). */
  body?: BodyInit;
  token?: string;
  headers?: Record<string, string>;
  /** The client's socket address as the server would see it. */
  address?: string;
}

export const BASE_URL = "http://localhost:3000";

/** Calls the route handler for `path` as Next.js would, without a server. */
export async function call<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const url = new URL(path, BASE_URL);
  const match = routes.map((route) => ({ route, found: route.regex.exec(url.pathname) })).find(({ found }) => found);
  if (!match?.found) throw new Error(`No route handler for ${url.pathname}`);
  const routeModule = await match.route.load();
  const handler = routeModule[method.toUpperCase()];
  if (!handler) return { status: 405, headers: new Headers(), body: null as T, text: "" };
  const params = Object.fromEntries(match.route.names.map((name, index) => [name, decodeURIComponent(match.found![index + 1]!)]));

  const headers = new Headers(options.headers);
  headers.set("host", url.host);
  const [peerName, peerValue] = peerAddressHeaderFor(options.address ?? "127.0.0.1");
  headers.set(peerName, peerValue);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await response.text();
  let parsed: unknown = null;
  if (text && /json/.test(response.headers.get("content-type") ?? "")) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export const api = {
  get: <T = any>(path: string, options?: RequestOptions) => call<T>("GET", path, options),
  post: <T = any>(path: string, json?: unknown, options?: RequestOptions) => call<T>("POST", path, { ...options, json }),
  patch: <T = any>(path: string, json?: unknown, options?: RequestOptions) => call<T>("PATCH", path, { ...options, json }),
  put: <T = any>(path: string, options?: RequestOptions) => call<T>("PUT", path, options),
  delete: <T = any>(path: string, options?: RequestOptions) => call<T>("DELETE", path, options),
};
