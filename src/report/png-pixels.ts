// Just enough PNG decoding to tell a rendered page from a blank one: inflate the image data, undo
// the per-row filters, and count the distinct colours. Handles what Chromium writes (8-bit,
// non-interlaced RGB/RGBA, grey) and says so for anything else.
import { inflateSync } from 'node:zlib';

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const channelsByColourType: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface PngImage {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Unfiltered rows, `width * channels` bytes each. */
  readonly pixels: Buffer;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
}

export function decodePng(png: Buffer): PngImage {
  if (png.length < 8 || !png.subarray(0, 8).equals(signature)) throw new Error('not a PNG file (bad signature)');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colourType: number; interlace: number } | undefined;
  const data: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8] ?? 0, colourType: body[9] ?? 0, interlace: body[12] ?? 0 };
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG without an IHDR chunk');
  const channels = channelsByColourType[header.colourType];
  if (header.bitDepth !== 8 || channels === undefined || header.interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${header.bitDepth}, colour type ${header.colourType}, interlace ${header.interlace} (expected 8-bit, non-interlaced)`);
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = header.width * channels;
  if (raw.length < header.height * (stride + 1)) throw new Error(`PNG image data is short: ${raw.length} bytes for ${header.width}x${header.height}`);
  const pixels = Buffer.alloc(header.height * stride);
  for (let row = 0; row < header.height; row++) {
    const filter = raw[row * (stride + 1)];
    const source = row * (stride + 1) + 1;
    const target = row * stride;
    for (let i = 0; i < stride; i++) {
      const value = raw[source + i] ?? 0;
      const left = i >= channels ? (pixels[target + i - channels] ?? 0) : 0;
      const up = row > 0 ? (pixels[target - stride + i] ?? 0) : 0;
      const upLeft = row > 0 && i >= channels ? (pixels[target - stride + i - channels] ?? 0) : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : filter === 4 ? paeth(left, up, upLeft) : Number.NaN;
      if (Number.isNaN(predictor)) throw new Error(`PNG row ${row} has unknown filter type ${filter}`);
      pixels[target + i] = (value + predictor) & 0xff;
    }
  }
  return { width: header.width, height: header.height, channels, pixels };
}

/** How many different colours the image holds (alpha included). */
export function countDistinctColours(image: PngImage): number {
  const colours = new Set<number>();
  for (let i = 0; i < image.pixels.length; i += image.channels) {
    let colour = 0;
    for (let channel = 0; channel < image.channels; channel++) colour = colour * 256 + (image.pixels[i + channel] ?? 0);
    colours.add(colour);
  }
  return colours.size;
}
