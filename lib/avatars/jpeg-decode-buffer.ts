/** Bytes of one 8×8 block of DCT coefficients (64 × 16 bits). */
const BLOCK_BYTES = 128;
const PROGRESSIVE_FRAMES = new Set([0xc2, 0xc6, 0xca, 0xce]);
// Start-of-frame markers: C0–CF without DHT (C4), JPG (C8) and DAC (CC).
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
// Markers without a length: TEM, RST0–7, SOI, EOI.
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);

export interface JpegDecodeBuffer {
  /** Whether libjpeg keeps every coefficient of the image until the end: progressive, or the first scan lacks a component. */
  wholeImage: boolean;
  /** What that buffer takes, in bytes (libjpeg's virtual arrays, padded to whole MCUs). */
  bytes: number;
}

interface Component {
  h: number;
  v: number;
}

function coefficientBytes({ width, height, components }: { width: number; height: number; components: Component[] }): number {
  const hMax = Math.max(...components.map((component) => component.h));
  const vMax = Math.max(...components.map((component) => component.v));
  let total = 0;
  for (const { h, v } of components) {
    const columns = Math.ceil((width * h) / (hMax * 8));
    const rows = Math.ceil((height * v) / (vMax * 8));
    total += Math.ceil(columns / h) * h * Math.ceil(rows / v) * v * BLOCK_BYTES;
  }
  return total;
}

/**
 * Reads a JPEG's markers up to its first scan, as libjpeg does (bytes between segments are skipped), and
 * tells whether decoding it needs a buffer of the whole image's coefficients: a shrink-on-load decode of a
 * progressive JPEG still takes ~2 bytes per sample, whatever the output size. Undefined for a file whose
 * frame or first scan cannot be found.
 */
export function jpegDecodeBuffer({ bytes }: { bytes: Uint8Array }): JpegDecodeBuffer | undefined {
  let at = 2;
  let frame: { progressive: boolean; width: number; height: number; components: Component[] } | undefined;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) {
      at += 1;
      continue;
    }
    while (bytes[at] === 0xff) at += 1;
    const marker = bytes[at];
    at += 1;
    if (marker === undefined || marker === 0x00 || isStandalone(marker)) continue;
    if (at + 2 > bytes.length) return undefined;
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    const segment = bytes.subarray(at + 2, at + length);
    if (length < 2 || segment.length !== length - 2) return undefined;
    if (isStartOfFrame(marker) && !frame) {
      const count = segment[5] ?? 0;
      if (count === 0 || segment.length < 6 + count * 3) return undefined;
      const components = Array.from({ length: count }, (_, index) => {
        const sampling = segment[6 + index * 3 + 1]!;
        return { h: Math.max(1, sampling >> 4), v: Math.max(1, sampling & 0x0f) };
      });
      const height = (segment[1]! << 8) | segment[2]!;
      const width = (segment[3]! << 8) | segment[4]!;
      frame = { progressive: PROGRESSIVE_FRAMES.has(marker), width, height, components };
    }
    if (marker === 0xda) {
      if (!frame || segment.length < 1) return undefined;
      const wholeImage = frame.progressive || segment[0]! < frame.components.length;
      return { wholeImage, bytes: coefficientBytes(frame) };
    }
    at += length;
  }
  return undefined;
}
