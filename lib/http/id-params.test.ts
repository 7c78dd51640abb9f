import { describe, expect, it } from "vitest";
import { idParams } from "./id-params";

describe("idParams", () => {
  it("reads a UUID in either case as its canonical lower-case form", () => {
    const id = "0b9d7c8e-3f0e-4d36-9a49-6f1f3a3b8c11";
    expect(idParams.parse({ id })).toEqual({ id });
    expect(idParams.parse({ id: id.toUpperCase() })).toEqual({ id });
  });

  it.each(["12345", "", "' or 1=1 --", "0b9d7c8e-3f0e-4d36-9a49-6f1f3a3b8c1", "0b9d7c8e3f0e4d369a496f1f3a3b8c11"])(
    "refuses %j with one field error",
    (id) => {
      const result = idParams.safeParse({ id });
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["id"], message: "Expected a UUID." })]);
    },
  );
});
