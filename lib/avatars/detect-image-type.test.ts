import { describe, expect, it } from "vitest";
import { detectImageType } from "./detect-image-type";

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((value) => (typeof value === "string" ? [...value].map((c) => c.charCodeAt(0)) : [value])));

describe("detectImageType", () => {
  it.each([
    ["png", bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)],
    ["jpeg", bytes(0xff, 0xd8, 0xff, 0xe1)],
    ["webp", bytes("RIFF", 1, 2, 3, 4, "WEBPVP8 ")],
  ])("recognises %s by its signature", (type, data) => {
    expect(detectImageType({ bytes: data })).toBe(type);
  });

  it.each([
    ["GIF", bytes("GIF89a", 0, 0)],
    ["RIFF that is not WebP (WAV)", bytes("RIFF", 1, 2, 3, 4, "WAVEfmt ")],
    ["a truncated PNG signature", bytes(0x89, "PNG")],
    ["nothing", bytes()],
    ["text", bytes("hello")],
  ])("does not take %s for an image", (_name, data) => {
    expect(detectImageType({ bytes: data })).toBeUndefined();
  });
});
