import { expect, it } from "vitest";
import { PATH_TAGS, tagOfPath } from "./path-tags";
import { openApiDefinition } from "./openapi-definition";

it("tags an operation by the longest prefix of its path, segment by segment", () => {
  expect(tagOfPath("/api/v1/admin/webhooks/{id}/test")).toBe("Webhooks");
  expect(tagOfPath("/api/v1/admin/users/{id}")).toBe("Administration");
  expect(tagOfPath("/api/v1/auth/code")).toBe("Sign-in");
  expect(tagOfPath("/.well-known/jwks.json")).toBe("Sign-in");
  expect(tagOfPath("/api/health/ready")).toBe("Operations");
  expect(tagOfPath("/api/v1/profile")).toBe("Profile");
});

it("refuses a path no prefix covers (a prefix matches whole segments only)", () => {
  expect(() => tagOfPath("/api/v1/profiles")).toThrow("/api/v1/profiles: no tag for this path; add its prefix to lib/openapi/path-tags.ts");
  expect(() => tagOfPath("/api/v2/things", [["/api/v1", "X"]])).toThrow("no tag for this path");
});

it("uses only the declared tags", () => {
  const declared = (openApiDefinition.tags ?? []).map((tag) => tag.name);
  expect(PATH_TAGS.map(([, tag]) => tag).filter((tag) => !declared.includes(tag))).toEqual([]);
});
