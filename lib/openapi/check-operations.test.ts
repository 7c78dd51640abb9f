import { expect, it } from "vitest";
import { checkOperations } from "./check-operations";

const tags = [{ name: "Profile" }];

it("accepts named operations with declared tags", () => {
  expect(() => checkOperations({ tags, paths: { "/a": { get: { operationId: "getA", tags: ["Profile"] } }, "/b": { get: { operationId: "getB" } } } })).not.toThrow();
});

it.each([
  ["an operation without operationId", { "/a": { get: { tags: ["Profile"] } } }, "GET /a: give the operation an operationId"],
  ["an operationId used twice", { "/a": { get: { operationId: "x" } }, "/b": { post: { operationId: "x" } } }, "POST /b: operationId x is already used by GET /a"],
  ["an undeclared tag", { "/a": { get: { operationId: "x", tags: ["Administration"] } } }, 'the tag "Administration" is not declared'],
])("refuses %s", (_case, paths, message) => {
  expect(() => checkOperations({ paths, tags })).toThrow(message);
});
