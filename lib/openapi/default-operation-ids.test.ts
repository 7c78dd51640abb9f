import { expect, it } from "vitest";
import { defaultOperationIds } from "./default-operation-ids";

it("names unnamed operations after method and path, and keeps given names", () => {
  const paths = {
    "/api/v1/profile/invite-code": { post: {} as Record<string, unknown> },
    "/api/v1/avatars/{id}": { get: {} as Record<string, unknown> },
    "/api/health/ready": { get: { operationId: "ready" } as Record<string, unknown> },
  };
  defaultOperationIds({ paths });
  expect(paths["/api/v1/profile/invite-code"].post.operationId).toBe("postProfileInviteCode");
  expect(paths["/api/v1/avatars/{id}"].get.operationId).toBe("getAvatarsId");
  expect(paths["/api/health/ready"].get.operationId).toBe("ready");
});
