import { ApiError } from "@/lib/errors/api-error";

interface RenderQueueOptions {
  /** Tasks that run at once. */
  concurrency: number;
  /** Tasks that may wait for a turn; one more is refused at once. */
  maxWaiting: number;
  /** How long a task may wait for its turn before it is refused. */
  maxWaitMs: number;
  /** Seconds a refused client is told to wait (`Retry-After`). */
  retryAfterSeconds: number;
}

/**
 * Runs a few memory-hungry tasks at a time in this process. Waiting is bounded in count and in time, since
 * every waiting request holds its upload in memory; past either bound the answer is 503 with Retry-After.
 */
export class RenderQueue {
  private running = 0;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly options: RenderQueueOptions) {}

  /** Whether a task started now would be refused: a cheap check before reading an upload. */
  get full(): boolean {
    return this.running >= this.options.concurrency && this.waiting.size >= this.options.maxWaiting;
  }

  busy(): ApiError {
    return new ApiError("service_unavailable", "Too many images are being processed right now. Please try again in a few seconds.", {
      retryAfter: this.options.retryAfterSeconds,
    });
  }

  async run<T>({ task }: { task: () => Promise<T> }): Promise<T> {
    await this.turn();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private turn(): Promise<void> {
    if (this.running < this.options.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.size >= this.options.maxWaiting) return Promise.reject(this.busy());
    return new Promise((resolve, reject) => {
      const start = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.delete(start);
        reject(this.busy());
      }, this.options.maxWaitMs);
      this.waiting.add(start);
    });
  }

  private release(): void {
    const [next] = this.waiting;
    if (!next) {
      this.running -= 1;
      return;
    }
    // The slot passes straight to the longest waiting task.
    this.waiting.delete(next);
    next();
  }
}

/**
 * Avatars are decoded one at a time: a progressive JPEG of AVATAR_MAX_PIXELS keeps about 6 bytes per pixel
 * (every DCT coefficient) until its last scan, ~100 MB at 16 MP, whatever the output size.
 */
export const avatarRenderQueue = new RenderQueue({ concurrency: 1, maxWaiting: 16, maxWaitMs: 30_000, retryAfterSeconds: 5 });
