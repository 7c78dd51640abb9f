import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors/api-error";
import { decodeCursor, encodeCursor } from "./cursor";

const id = "0b9d7c8e-3f0e-4d36-9a49-6f1f3a3b8c11";
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("the pagination cursor", () => {
  it("round-trips a position exactly, to the microsecond, as an opaque URL-safe string", () => {
    const cursor = { at: "2026-11-25T10:00:00.123456Z", id };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["empty JSON", raw(null)],
    ["an object", raw({ activatedAt: "2026-11-25T10:00:00.123456Z", id })],
    ["three items", raw(["2026-11-25T10:00:00.123456Z", id, 1])],
    ["a number for the time", raw([1, id])],
    ["a bad id", raw(["2026-11-25T10:00:00.123456Z", "0b9d7c8e"])],
    ["an upper-case id (never issued)", raw(["2026-11-25T10:00:00.123456Z", id.toUpperCase()])],
    ["milliseconds only", raw(["2026-11-25T10:00:00.123Z", id])],
    ["no zone", raw(["2026-11-25T10:00:00.123456", id])],
    ["month 13", raw(["2026-13-25T10:00:00.123456Z", id])],
    ["30 February", raw(["2026-02-30T10:00:00.123456Z", id])],
    ["hour 24", raw(["2026-11-25T24:00:00.000000Z", id])],
    ["year 0", raw(["0000-01-01T00:00:00.000000Z", id])],
  ])("rejects %s as 400 invalid_cursor", (_, value) => {
    let thrown: unknown;
    try {
      decodeCursor(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ code: "invalid_cursor", status: 400 });
  });
});
