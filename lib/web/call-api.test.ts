import { beforeEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "@/lib/api-client/create-api-client";

const loads = { count: 0 };
const workingClient = () => {
  loads.count++;
  return { browserApiClient: createApiClient({ baseUrl: "https://pages.test", fetch: () => Promise.resolve(Response.json({ status: "ok" })) }) };
};

describe("callApi", () => {
  beforeEach(() => {
    vi.resetModules();
    loads.count = 0;
  });

  it("loads the pages' client on the first call, once, and answers the data", async () => {
    vi.doMock("./browser-api-client", workingClient);
    const { callApi } = await import("./call-api");
    expect(loads.count).toBe(0);
    await expect(callApi((api) => api.GET("/api/health"))).resolves.toEqual({ status: "ok" });
    await expect(callApi((api) => api.GET("/api/health"))).resolves.toEqual({ status: "ok" });
    expect(loads.count).toBe(1);
  });

  it("turns a client that could not be loaded (offline) into a network problem, and loads it again next time", async () => {
    vi.doMock("./browser-api-client", () => {
      throw new TypeError("Failed to fetch dynamically imported module");
    });
    const { callApi } = await import("./call-api");
    await expect(callApi((api) => api.GET("/api/health"))).rejects.toMatchObject({ status: 0, code: "network_error" });
    vi.doMock("./browser-api-client", workingClient);
    await expect(callApi((api) => api.GET("/api/health"))).resolves.toEqual({ status: "ok" });
  });
});
