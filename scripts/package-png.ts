import zlib from 'node:zlib';

/** RGBA pixels, row by row, 4 bytes each. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An 8-bit RGBA PNG; every row unfiltered, which is plenty for icons. */
export function encodePng(image: RgbaImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(image.pixels.buffer, image.pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export class PngFormatError extends Error {}

const channelsByColourType: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Reads 8-bit greyscale, RGB, grey+alpha and RGBA PNGs (what icon tools write) into RGBA, so the
 * package check can look at sizes and transparency whatever tool drew the icons. Palette,
 * 16-bit and interlaced images are reported, not guessed at.
 */
export function decodePng(file: Buffer): RgbaImage {
  if (file.length < 8 || !file.subarray(0, 8).equals(signature)) throw new PngFormatError('is not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  let transparentGrey: number | undefined;
  let transparentRgb: [number, number, number] | undefined;
  const data: Buffer[] = [];
  while (offset + 8 <= file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8];
      colourType = body[9] ?? -1;
      if (bitDepth !== 8) throw new PngFormatError(`uses ${bitDepth}-bit channels; save it as 8-bit RGBA`);
      if (!(colourType in channelsByColourType)) throw new PngFormatError('uses a palette; save it as 8-bit RGBA');
      if (body[12] !== 0) throw new PngFormatError('is interlaced; save it without interlacing');
    } else if (type === 'tRNS') {
      if (colourType === 0) transparentGrey = body.readUInt16BE(0);
      if (colourType === 2) transparentRgb = [body.readUInt16BE(0), body.readUInt16BE(2), body.readUInt16BE(4)];
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
  }
  if (width === 0 || height === 0) throw new PngFormatError('has no image header');
  const channels = channelsByColourType[colourType] ?? 4;
  const rows = unfilter(zlib.inflateSync(Buffer.concat(data)), width, height, channels);
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const source = rows.subarray(i * channels, i * channels + channels);
    const [a = 0, b = 0, c = 0, d = 0] = source;
    const rgba =
      channels === 4 ? [a, b, c, d]
      : channels === 3 ? [a, b, c, transparentRgb && a === transparentRgb[0] && b === transparentRgb[1] && c === transparentRgb[2] ? 0 : 255]
      : channels === 2 ? [a, a, a, b]
      : [a, a, a, transparentGrey === a ? 0 : 255];
    pixels.set(rgba, i * 4);
  }
  return { width, height, pixels };
}

function unfilter(raw: Buffer, width: number, height: number, bytesPerPixel: number): Buffer {
  const stride = width * bytesPerPixel;
  if (raw.length < (stride + 1) * height) throw new PngFormatError('is truncated');
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= bytesPerPixel ? (out[y * stride + x - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? (out[(y - 1) * stride + x - bytesPerPixel] ?? 0) : 0;
      const predicted =
        filter === 0 ? 0
        : filter === 1 ? left
        : filter === 2 ? up
        : filter === 3 ? (left + up) >> 1
        : filter === 4 ? paeth(left, up, upLeft)
        : -1;
      if (predicted < 0) throw new PngFormatError(`has an unknown row filter ${filter}`);
      out[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
