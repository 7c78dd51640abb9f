import { expect, it } from "vitest";
import { orderPaths } from "./order-paths";

it("orders paths by tag, then by the listed operations, then by path", () => {
  const op = (operationId: string, tag: string) => ({ get: { operationId, tags: [tag] } });
  const paths = {
    "/health": op("health", "Operations"),
    "/auth/verify": op("verifyCode", "Sign-in"),
    "/auth/logout": op("logout", "Sign-in"),
    "/auth/code": op("requestCode", "Sign-in"),
    "/profile/b": op("b", "Profile"),
    "/profile/a": op("a", "Profile"),
    "/untagged": { get: { operationId: "u" } },
  };
  const ordered = orderPaths({
    paths,
    tags: [{ name: "Sign-in" }, { name: "Profile" }, { name: "Operations" }],
    operationOrder: ["requestCode", "verifyCode", "logout"],
  });
  expect(Object.keys(ordered)).toEqual(["/auth/code", "/auth/verify", "/auth/logout", "/profile/a", "/profile/b", "/health", "/untagged"]);
});
