import http from "node:http";

/** Sees each request before Next.js does; returns true when it has answered the request itself. */
export type RequestHook = (request: http.IncomingMessage, response: http.ServerResponse) => boolean;
/** Runs once per server, at its first connection (or request). */
export type ServerHook = (server: http.Server) => void;

interface HookState {
  patched: boolean;
  names: Set<string>;
  request: RequestHook[];
  server: ServerHook[];
  seen: WeakSet<http.Server>;
}

function state(): HookState {
  const holder = globalThis as { __phoneReferralsServerHooks?: HookState };
  holder.__phoneReferralsServerHooks ??= { patched: false, names: new Set(), request: [], server: [], seen: new WeakSet() };
  return holder.__phoneReferralsServerHooks;
}

/**
 * Route handlers and proxy.ts see neither the socket nor requests that Next.js cannot route, so the few things
 * that must happen at the Node.js server (the peer address, the API's 404/405 answers) hook into it here: one
 * patch of `http.Server.prototype.emit`, made once per process at start-up (instrumentation.ts), for servers
 * created before or after. A hook added again under the same name is ignored.
 */
export function addServerHooks(name: string, hooks: { request?: RequestHook; server?: ServerHook }): void {
  const current = state();
  if (current.names.has(name)) return;
  current.names.add(name);
  if (hooks.request) current.request.push(hooks.request);
  if (hooks.server) current.server.push(hooks.server);
  if (current.patched) return;
  current.patched = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the server as `this`
  const originalEmit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if ((event === "connection" || event === "request") && !current.seen.has(this)) {
      current.seen.add(this);
      for (const hook of current.server) hook(this);
    }
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      for (const hook of current.request) if (hook(request, response)) return true;
    }
    return originalEmit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
