import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { jpegDecodeBuffer } from "./jpeg-decode-buffer";

function jpeg({ width, height, progressive, chromaSubsampling }: { width: number; height: number; progressive: boolean; chromaSubsampling: string }) {
  return sharp({ create: { width, height, channels: 3, background: "#336699" } }).jpeg({ progressive, chromaSubsampling }).toBuffer();
}

const segment = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
/** SOF0 of 64×16 with three components: Y sampled 2×2, Cb and Cr 1×1 (4:2:0). */
const frame = (marker = 0xc0) => segment(marker, [8, 0, 16, 0, 64, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const scan = (components: number) => segment(0xda, [components, ...Array.from({ length: components }, (_, index) => [index + 1, 0]).flat(), 0, 63, 0]);

describe("jpegDecodeBuffer", () => {
  it("needs the whole image for a progressive JPEG: 2 bytes a sample (the 65000×600 of issue 12 takes 234 MB)", async () => {
    expect(jpegDecodeBuffer({ bytes: await jpeg({ width: 8000, height: 600, progressive: true, chromaSubsampling: "4:4:4" }) })).toEqual({
      wholeImage: true,
      bytes: 3 * 1000 * 75 * 128,
    });
    expect(jpegDecodeBuffer({ bytes: await jpeg({ width: 4000, height: 4000, progressive: true, chromaSubsampling: "4:2:0" }) })).toEqual({
      wholeImage: true,
      bytes: 48_000_000,
    });
  });

  it("pads each component to whole MCUs, as libjpeg allocates them", async () => {
    // Y: 42×10 blocks padded to 42×10; Cb, Cr: 21×5 blocks each.
    expect(jpegDecodeBuffer({ bytes: await jpeg({ width: 333, height: 77, progressive: true, chromaSubsampling: "4:2:0" }) })).toEqual({
      wholeImage: true,
      bytes: (42 * 10 + 2 * 21 * 5) * 128,
    });
  });

  it("does not need the whole image for a baseline JPEG whose first scan has every component", async () => {
    expect(jpegDecodeBuffer({ bytes: await jpeg({ width: 4000, height: 4000, progressive: false, chromaSubsampling: "4:4:4" }) })).toMatchObject({
      wholeImage: false,
    });
  });

  it("reads the markers as libjpeg does: fill bytes, stray bytes and standalone markers are skipped", () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xff, ...segment(0xe0, [1, 2, 3]), 7, 7, 0xff, 0xd0, ...segment(0xc4, [0]), ...frame(), ...scan(3)]);
    expect(jpegDecodeBuffer({ bytes })).toEqual({ wholeImage: false, bytes: (8 * 2 + 2 * 4 * 1) * 128 });
  });

  it("needs the whole image when the first scan of a sequential JPEG lacks a component, or for any progressive frame type", () => {
    expect(jpegDecodeBuffer({ bytes: new Uint8Array([0xff, 0xd8, ...frame(), ...scan(1)]) })?.wholeImage).toBe(true);
    for (const marker of [0xc2, 0xc6, 0xca, 0xce]) {
      expect(jpegDecodeBuffer({ bytes: new Uint8Array([0xff, 0xd8, ...frame(marker), ...scan(3)]) })?.wholeImage, marker.toString(16)).toBe(true);
    }
    // A second frame header is not read: libjpeg refuses it anyway.
    expect(jpegDecodeBuffer({ bytes: new Uint8Array([0xff, 0xd8, ...frame(0xc0), ...frame(0xc2), ...scan(3)]) })?.wholeImage).toBe(false);
  });

  it.each([
    ["no frame before the scan", [0xff, 0xd8, ...scan(3)]],
    ["no scan", [0xff, 0xd8, ...frame()]],
    ["a truncated segment", [0xff, 0xd8, ...frame().slice(0, 10)]],
    ["a length cut off", [0xff, 0xd8, 0xff, 0xc0, 0x00]],
    ["a length under 2", [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, ...frame(), ...scan(3)]],
    ["a frame without components", [0xff, 0xd8, ...segment(0xc0, [8, 0, 16, 0, 64, 0]), ...scan(3)]],
    ["a frame shorter than its components", [0xff, 0xd8, ...segment(0xc0, [8, 0, 16, 0, 64, 3, 1, 0x22]), ...scan(3)]],
    ["an empty scan header", [0xff, 0xd8, ...frame(), ...segment(0xda, [])]],
    ["a marker at the very end", [0xff, 0xd8, 0xff]],
  ])("is undefined for %s", (_name, bytes) => {
    expect(jpegDecodeBuffer({ bytes: new Uint8Array(bytes) })).toBeUndefined();
  });
});
