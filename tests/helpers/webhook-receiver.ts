import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { listenInRange } from "./ports";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

type Answer = { status: number; body?: string; headers?: Record<string, string> } | "hang";

/**
 * A local HTTP server standing in for a customer's webhook endpoint: records every request and answers with
 * `answer(n)` for the n-th (1-based) request, 204 by default.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server: Server | undefined;
  private readonly hanging = new Set<() => void>();
  answer: (n: number, request: ReceivedWebhook) => Answer = () => ({ status: 204 });

  /** Without a port, the first free one of this test run's range (tests/helpers/ports.ts). */
  constructor(private readonly port?: number) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const received = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
        this.received.push(received);
        const answer = this.answer(this.received.length, received);
        if (answer === "hang") {
          this.hanging.add(() => response.destroy());
          return;
        }
        response.writeHead(answer.status, answer.headers).end(answer.body ?? "");
      });
    });
    if (this.port === undefined) await listenInRange(this.server);
    else await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const end of this.hanging) end();
    this.hanging.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** Waits until `count` requests have arrived. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${this.received.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.received;
  }
}
