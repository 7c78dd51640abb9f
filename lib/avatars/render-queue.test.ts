import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors/api-error";
import { RenderQueue } from "./render-queue";

/** A task that runs until `finish` is called, and tells when it started. */
function blocker() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const task = vi.fn(() => done.then(() => "done"));
  return { task, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("RenderQueue", () => {
  it("runs at most `concurrency` tasks at once, the others in order of arrival", async () => {
    const queue = new RenderQueue({ concurrency: 2, maxWaiting: 5, maxWaitMs: 60_000, retryAfterSeconds: 3 });
    const tasks = [blocker(), blocker(), blocker(), blocker()];
    const results = tasks.map(({ task }) => queue.run({ task }));
    await settle();
    expect(tasks.map(({ task }) => task.mock.calls.length)).toEqual([1, 1, 0, 0]);
    tasks[1]!.finish();
    await settle();
    expect(tasks.map(({ task }) => task.mock.calls.length)).toEqual([1, 1, 1, 0]);
    tasks[0]!.finish();
    await settle();
    expect(tasks[3]!.task).toHaveBeenCalledTimes(1);
    for (const { finish } of tasks) finish();
    expect(await Promise.all(results)).toEqual(["done", "done", "done", "done"]);
    // Every slot is free again: two new tasks start at once.
    const again = [blocker(), blocker()];
    const more = again.map(({ task }) => queue.run({ task }));
    await settle();
    expect(again.map(({ task }) => task.mock.calls.length)).toEqual([1, 1]);
    for (const { finish } of again) finish();
    await Promise.all(more);
  });

  it("frees the slot of a task that fails", async () => {
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 1, maxWaitMs: 60_000, retryAfterSeconds: 3 });
    await expect(queue.run({ task: () => Promise.reject(new Error("broken image")) })).rejects.toThrow("broken image");
    expect(await queue.run({ task: () => Promise.resolve(7) })).toBe(7);
  });

  it("refuses a task with 503 and Retry-After when the waiting line is full, and says so in `full`", async () => {
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 2, maxWaitMs: 60_000, retryAfterSeconds: 3 });
    const tasks = [blocker(), blocker(), blocker()];
    const results = tasks.map(({ task }) => queue.run({ task }));
    expect(queue.full).toBe(true);
    const refused = await queue.run({ task: () => Promise.resolve("never") }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: "service_unavailable", status: 503, retryAfter: 3 });
    tasks[0]!.finish();
    await settle();
    expect(queue.full).toBe(false);
    for (const { finish } of tasks) finish();
    await Promise.all(results);
  });

  it("refuses a task that waited longer than maxWaitMs, and leaves the line", async () => {
    vi.useFakeTimers();
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 1, maxWaitMs: 1000, retryAfterSeconds: 3 });
    const first = blocker();
    const running = queue.run({ task: first.task });
    const late = blocker();
    const waiting = queue.run({ task: late.task }).catch((error: unknown) => error);
    vi.advanceTimersByTime(1000);
    expect(await waiting).toMatchObject({ code: "service_unavailable" });
    expect(late.task).not.toHaveBeenCalled();
    // Its place is free: a new task may wait, and gets the slot when the first ends.
    const next = blocker();
    const queued = queue.run({ task: next.task });
    first.finish();
    await running;
    await vi.waitFor(() => expect(next.task).toHaveBeenCalledTimes(1));
    next.finish();
    expect(await queued).toBe("done");
  });
});
